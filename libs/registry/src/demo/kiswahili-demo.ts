import { EntityManager } from 'typeorm';
import { DEMO_SIGN_INS, RegistryDemo } from './kenya-registry-demo';

const ILLUSTRATIVE_SW =
  'Data ya mfano ya maonyesho inayoiga miundo ya uratibu ya Kenya; si rekodi rasmi ya chombo chochote.';

const county = (name: string) => ({
  name: `Kitengo cha Uhamasishaji kuhusu Uhamiaji cha Kaunti ya ${name} (mfano)`,
  description: `Kinafikisha ajenda ya kitaifa ya uhamiaji katika Kaunti ya ${name}. ${ILLUSTRATIVE_SW}`,
});

/** Kiswahili texts of the demo's bodies (Kenya's NCM works in English and Kiswahili). */
const BODIES_SW: Record<string, { name: string; description: string }> = {
  ncm: {
    name: 'Mfumo wa Kitaifa wa Uratibu kuhusu Uhamiaji (mfano wa maonyesho)',
    description: `Uratibu wa usimamizi wa uhamiaji unaohusisha serikali nzima na jamii nzima. ${ILLUSTRATIVE_SW}`,
  },
  labourTwg: {
    name: 'Kikundi Kazi cha Kiufundi kuhusu Uhamiaji wa Wafanyakazi (mfano)',
    description: `Uhamiaji wa wafanyakazi ulio salama, wenye utaratibu na wa kawaida; mikataba ya pande mbili kuhusu ajira. ${ILLUSTRATIVE_SW}`,
  },
  dataTwg: {
    name: 'Kikundi Kazi cha Kiufundi kuhusu Takwimu za Uhamiaji (mfano)',
    description: `Takwimu za uhamiaji, wasifu wa uhamiaji na taarifa kuhusu lengo la 1 la GCM. ${ILLUSTRATIVE_SW}`,
  },
  ctipTwg: {
    name: 'Kikundi Kazi cha Kiufundi kuhusu Kupambana na Usafirishaji Haramu wa Binadamu (mfano)',
    description: `Kuzuia, kulinda na kushtaki; kupeleka kesi kwa wahusika. Ni cha faragha: kesi hujadiliwa. ${ILLUSTRATIVE_SW}`,
  },
  mombasa: county('Mombasa'),
  nairobi: county('Nairobi'),
  kisumu: county('Kisumu'),
  turkana: county('Turkana'),
  busia: county('Busia'),
};

/**
 * The demo in Kiswahili as well: body names and descriptions, the NCM's adopted terms of reference, and the Mombasa
 * focal point reads the platform (and gets reminders) in Kiswahili. Once per database: a demo whose NCM already
 * has a Kiswahili name is left as it is (a person may have changed their language since).
 */
export async function translateRegistryDemo(em: EntityManager, demo: RegistryDemo): Promise<boolean> {
  const ncm = demo.bodies.ncm;
  if (!ncm) return false;
  const [done] = await em.query(
    `SELECT 1 FROM content_translations WHERE entity_type = 'COORDINATION_BODY' AND entity_id = $1 AND locale = 'sw'`,
    [ncm],
  );
  if (done) return false;
  const rows = Object.entries(BODIES_SW)
    .filter(([key]) => demo.bodies[key])
    .flatMap(([key, texts]) => [
      ['COORDINATION_BODY', demo.bodies[key], 'name', texts.name],
      ['COORDINATION_BODY', demo.bodies[key], 'description', texts.description],
    ]);
  const [tor] = await em.query(`SELECT id FROM terms_of_reference WHERE body_id = $1 AND status = 'ADOPTED'`, [ncm]);
  if (tor) {
    rows.push(
      ['TERMS_OF_REFERENCE', tor.id, 'mandate', `Mamlaka ya ${BODIES_SW.ncm.name}. ${ILLUSTRATIVE_SW}`],
      [
        'TERMS_OF_REFERENCE',
        tor.id,
        'objectives',
        'Kuratibu sera ya uhamiaji kati ya wizara, kaunti na wadau wasio wa serikali\n' +
          'Kufuatilia utekelezaji wa Mkataba wa Kimataifa kuhusu Uhamiaji (GCM) na ahadi za kitaifa',
      ],
      [
        'TERMS_OF_REFERENCE',
        tor.id,
        'functions',
        'Kubadilishana taarifa\nKukubaliana misimamo ya pamoja\nKufuatilia majukumu na ahadi',
      ],
    );
  }
  await em.query(
    `INSERT INTO content_translations (entity_type, entity_id, locale, field, text)
     SELECT r.type, r.id, 'sw', r.field, r.text FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[]) AS r(type, id, field, text)
     ON CONFLICT DO NOTHING`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  );
  const mombasa = DEMO_SIGN_INS.find((s) => s.key === 'mombasaFocal')!;
  await em.query(`UPDATE users SET locale = 'sw' WHERE email = $1`, [mombasa.email]);
  return true;
}
