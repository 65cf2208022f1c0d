import 'reflect-metadata';
import { AuthService, createDataSource, loadConfig, PlatformRole, User } from '@coord/core';
import { seedAccountabilityDemo, seedActionsDemo, translateActionsDemo } from '@coord/actions/demo';
import { seedCycleDemo, seedMeetingsDemo, translateMeetingsDemo } from '@coord/meetings/demo';
import { REGISTRY_ENTITIES } from '@coord/registry';
import { DEMO_NCM_NAME, loadRegistryDemo, translateRegistryDemo } from '@coord/registry/demo';

/**
 * Loads what `npm start` needs to be useful at once: the platform admin (ADMIN_EMAIL / ADMIN_PASSWORD)
 * and the illustrative Kenyan demo: the registry (NCM, TWGs, county units, members, ToR), meetings, and
 * action items and commitments, then the coordination cycle (meeting series, an alternate seat). Idempotent:
 * run it as often as you like.
 */
async function main() {
  const config = loadConfig();
  if (config.NODE_ENV === 'production') {
    // A deployment gets no demo data and no default password: its first admin comes from npm run admin.
    console.log(
      '[seed] NODE_ENV=production: nothing seeded; create the first admin with npm run admin -- create-admin --email ...',
    );
    return;
  }
  const email = (config.ADMIN_EMAIL ?? 'admin@coord.example').toLowerCase();
  const password = config.ADMIN_PASSWORD ?? 'admin-password-2026';
  const ds = await createDataSource({ url: config.DATABASE_URL, entities: [User, ...REGISTRY_ENTITIES] }).initialize();
  try {
    const existing = await ds.getRepository(User).findOne({ where: { email } });
    if (!existing) {
      await ds.getRepository(User).insert({
        email,
        passwordHash: await AuthService.hashPassword(password),
        platformRole: PlatformRole.ADMIN,
      });
      console.log(`[seed] created admin ${email}`);
    } else {
      console.log(`[seed] admin ${email} exists (its password is left as it is)`);
    }
    const registry = await ds.transaction((em) => loadRegistryDemo(em, AuthService.hashPassword));
    console.log(
      registry.created
        ? `[seed] loaded the illustrative registry demo (${DEMO_NCM_NAME}, ${Object.keys(registry.bodies).length} bodies)`
        : '[seed] registry demo exists (left as it is)',
    );
    await ds.transaction((em) => seedMeetingsDemo(em));
    await ds.transaction((em) => seedActionsDemo(em));
    // After the action items: the demo's overdue NCM item shows as matters arising at the series' meetings.
    await ds.transaction((em) => seedCycleDemo(em));
    await ds.transaction((em) => seedAccountabilityDemo(em));
    // Also in Kiswahili (body names, ToR, meetings, commitments); the Mombasa focal point reads Kiswahili.
    const translated = await ds.transaction(async (em) => {
      if (!(await translateRegistryDemo(em, registry))) return false;
      await translateMeetingsDemo(em);
      await translateActionsDemo(em);
      return true;
    });
    if (translated) console.log('[seed] demo texts added in Kiswahili; the Mombasa focal point reads Kiswahili');
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  console.error(`[seed] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
