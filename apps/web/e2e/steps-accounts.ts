/**
 * Accounts, called from web.e2e.ts: a person invited by an admin accepts the mailed invitation and chooses a
 * password (the policy's message first), forgets it and resets it from the sign-in page, and the language and
 * e-mail delivery saved on the account follow the person to another device.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserContext, checkAccessibility, choose, emailOf, newPage, PEOPLE, screenshot, signIn } from './browser';
import { gql, Stack, token } from './stack';

/** The link of the newest mail to `email` with `path`, as the worker sent it through the sink. */
async function mailedLink(stack: Stack, email: string, path: string, after: number): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const mails = stack.mail.mails.filter((m) => m.to.includes(email) && m.text.includes(path));
    const match =
      mails.length > after && new RegExp(`https?://[^\\s]+${path}\\?token=[A-Za-z0-9_-]+`).exec(mails.at(-1)!.text);
    if (match) return match[0];
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`e2e: no mail to ${email} with ${path}`);
}
const mailCount = (stack: Stack, email: string, path: string) =>
  stack.mail.mails.filter((m) => m.to.includes(email) && m.text.includes(path)).length;
const invitee = { email: 'halima.invited@demo.coord.example', password: 'ochre lighthouse kettle 41' };

/** Sets a password on the page a mail's link opened: the policy's message under the field, then signed in. */
async function setPassword(page: Page, password: string) {
  const field = page.getByLabel('Password', { exact: true });
  await field.fill('password123456');
  await page.getByRole('button', { name: 'Save the password and sign in' }).click();
  // The API's policy message, under the field it names (and tied to it for assistive tech).
  await page.locator('input[aria-invalid="true"]').waitFor();
  assert.match((await page.locator('.field', { has: field }).textContent()) ?? '', /most common passwords/);
  await field.fill(password);
  await page.getByRole('button', { name: 'Save the password and sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('heading', { level: 1, name: 'My action items' }).waitFor();
  // The refresh token is in the HttpOnly cookie only: no script of the page can read it.
  assert.doesNotMatch(await page.evaluate(() => document.cookie), /coord_refresh/);
  const cookies = await browserContext().cookies();
  assert.ok(cookies.some((c) => c.name === 'coord_refresh' && c.httpOnly && c.sameSite === 'Strict'));
}

/** A person invited by an admin opens the mailed link, chooses a password and is signed in. */
export async function acceptInvitation(stack: Stack) {
  const admin = await token(stack.url, 'admin@coord.example', 'admin-password-2026');
  const person = await gql(
    stack.url,
    `mutation($input: PersonInput!) { createPerson(input: $input) { id } }`,
    { input: { fullName: 'Halima Invited', email: invitee.email } },
    admin,
  );
  await gql(
    stack.url,
    `mutation($id: ID!) { inviteUser(personId: $id) { id } }`,
    { id: person.createPerson.id },
    admin,
  );
  const link = await mailedLink(stack, invitee.email, '/accept-invitation', 0);
  assert.ok(link.startsWith(`${stack.url}/accept-invitation?token=`), link);
  const { context, page } = await newPage();
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
  await checkAccessibility(page, 'accept invitation');
  await screenshot(page, 'accept-invitation');
  await setPassword(page, invitee.password);
  // The link is spent: opening it again says so.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(link);
  await page.getByLabel('Password', { exact: true }).fill('another long passphrase 12');
  await page.getByRole('button', { name: 'Save the password and sign in' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /not valid/ })
    .waitFor();
  await context.close();
}

/** The invited person forgets the password, asks for a link on the sign-in page and sets a new one. */
export async function resetForgottenPassword(stack: Stack) {
  const { context, page } = await newPage();
  await page.goto('/sign-in');
  await checkAccessibility(page, 'sign-in with forgot password');
  const before = mailCount(stack, invitee.email, '/reset-password');
  const forgot = page.getByRole('region', { name: 'Forgot your password?' });
  await forgot.getByRole('textbox', { name: 'Email' }).fill(invitee.email);
  await forgot.getByRole('button', { name: 'Send the link' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /on its way/ })
    .waitFor();
  // An unknown address gets the same answer, and no mail.
  await forgot.getByRole('textbox', { name: 'Email' }).fill('nobody.here@demo.coord.example');
  await forgot.getByRole('button', { name: 'Send the link' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /on its way/ })
    .waitFor();
  const link = await mailedLink(stack, invitee.email, '/reset-password', before);
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
  await checkAccessibility(page, 'reset password');
  await screenshot(page, 'reset-password');
  await setPassword(page, 'saffron canal bicycle 73');
  await page.getByRole('button', { name: 'Sign out' }).click();
  assert.equal(mailCount(stack, 'nobody.here@demo.coord.example', '/reset-password'), 0);
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).first().fill(invitee.email);
  await page.getByLabel('Password', { exact: true }).fill('saffron canal bicycle 73');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await context.close();
}

/** The language and e-mail delivery are saved on the account; the interface follows the account's language. */
export async function preferencesOnTheAccount(stack: Stack) {
  const { context, page } = await newPage();
  await signIn(page, 'mombasa.focal');
  await page.getByRole('link', { name: 'Preferences' }).click();
  await choose(page.getByRole('radiogroup', { name: 'E-mail notifications' }), 'A weekly digest');
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await choose(page.getByRole('radiogroup', { name: 'Language' }), 'Français');
  await page.getByRole('heading', { level: 1, name: 'Préférences' }).waitFor();
  await checkAccessibility(page, 'preferences saved on the account');
  const focal = await token(stack.url, emailOf('mombasa.focal'), PEOPLE['mombasa.focal']);
  const me = await gql(stack.url, `{ me { locale emailDelivery } }`, {}, focal);
  assert.deepEqual(me.me, { locale: 'fr', emailDelivery: 'WEEKLY_DIGEST' });
  await context.close();
  // Another device (nothing remembered there) speaks French once this person signs in.
  const other = await newPage();
  await other.page.goto('/sign-in');
  await other.page.getByRole('textbox', { name: 'Email' }).first().fill(emailOf('mombasa.focal'));
  await other.page.getByLabel('Password', { exact: true }).fill(PEOPLE['mombasa.focal']);
  await other.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await other.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  await other.context.close();
  // Back to English for the later steps that sign this person in.
  await gql(
    stack.url,
    `mutation { updateMyPreferences(input: { locale: "en", emailDelivery: IMMEDIATE }) { locale } }`,
    {},
    focal,
  );
}
