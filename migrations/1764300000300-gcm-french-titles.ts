import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Three French GCM objective titles checked against the official French list of the Global Compact's objectives
 * (resolution 73/195, annex, paragraph 16, as reproduced in the House of Commons of Canada, CIMM report 23,
 * annex B): objective 1 says "données précises", objective 4 has no "documents d’identité", objective 12 opens
 * with "Veiller à l’invariabilité". The titles are set only where they still read as first written.
 */
const FIXES: Array<{ code: string; before: string; after: string }> = [
  {
    code: 'GCM-1',
    before:
      'Collecter et utiliser des données exactes et ventilées qui serviront à l’élaboration de politiques fondées sur la connaissance des faits',
    after:
      'Collecter et utiliser des données précises et ventilées qui serviront à l’élaboration de politiques fondées sur la connaissance des faits',
  },
  {
    code: 'GCM-4',
    before: 'Munir tous les migrants d’une preuve d’identité légale, de papiers adéquats et de documents d’identité',
    after: 'Munir tous les migrants d’une preuve d’identité légale et de papiers adéquats',
  },
  {
    code: 'GCM-12',
    before:
      'Améliorer la certitude et la prévisibilité des procédures migratoires pour assurer des contrôles, des évaluations et une orientation appropriés',
    after:
      'Veiller à l’invariabilité et à la prévisibilité des procédures migratoires pour assurer des contrôles, des évaluations et une orientation appropriés',
  },
];

export class GcmFrenchTitles1764300000300 implements MigrationInterface {
  name = 'GcmFrenchTitles1764300000300';

  async up(q: QueryRunner): Promise<void> {
    for (const { code, before, after } of FIXES) {
      await q.query(`UPDATE framework_target_titles SET title = $3 WHERE code = $1 AND locale = 'fr' AND title = $2`, [
        code,
        before,
        after,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { code, before, after } of FIXES) {
      await q.query(`UPDATE framework_target_titles SET title = $2 WHERE code = $1 AND locale = 'fr' AND title = $3`, [
        code,
        before,
        after,
      ]);
    }
  }
}
