import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Official titles of framework targets in other languages. The GCM's objectives in French and Spanish, as in the
 * official language versions of the Global Compact for Safe, Orderly and Regular Migration (General Assembly
 * resolution 73/195, annex, paragraph 16). Targets without a title in a language are shown in English (and say so).
 */
const GCM: Record<string, { fr: string; es: string }> = {
  'GCM-1': {
    fr: 'Collecter et utiliser des données exactes et ventilées qui serviront à l’élaboration de politiques fondées sur la connaissance des faits',
    es: 'Recopilar y utilizar datos exactos y desglosados para formular políticas con base empírica',
  },
  'GCM-2': {
    fr: 'Lutter contre les facteurs négatifs et les problèmes structurels qui poussent des personnes à quitter leur pays d’origine',
    es: 'Minimizar los factores adversos y estructurales que obligan a las personas a abandonar su país de origen',
  },
  'GCM-3': {
    fr: 'Fournir dans les meilleurs délais des informations exactes à toutes les étapes de la migration',
    es: 'Proporcionar información exacta y oportuna en todas las etapas de la migración',
  },
  'GCM-4': {
    fr: 'Munir tous les migrants d’une preuve d’identité légale, de papiers adéquats et de documents d’identité',
    es: 'Velar por que todos los migrantes tengan pruebas de su identidad jurídica y documentación adecuada',
  },
  'GCM-5': {
    fr: 'Faire en sorte que les filières de migration régulière soient accessibles et plus souples',
    es: 'Aumentar la disponibilidad y flexibilidad de las vías de migración regular',
  },
  'GCM-6': {
    fr: 'Favoriser des pratiques de recrutement justes et éthiques et assurer les conditions d’un travail décent',
    es: 'Facilitar la contratación equitativa y ética y salvaguardar las condiciones que garantizan el trabajo decente',
  },
  'GCM-7': {
    fr: 'S’attaquer aux facteurs de vulnérabilité liés aux migrations et les réduire',
    es: 'Abordar y reducir las vulnerabilidades en la migración',
  },
  'GCM-8': {
    fr: 'Sauver des vies et mettre en place une action internationale coordonnée pour retrouver les migrants disparus',
    es: 'Salvar vidas y emprender iniciativas internacionales coordinadas sobre los migrantes desaparecidos',
  },
  'GCM-9': {
    fr: 'Renforcer l’action transnationale face au trafic de migrants',
    es: 'Reforzar la respuesta transnacional al tráfico ilícito de migrantes',
  },
  'GCM-10': {
    fr: 'Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations internationales',
    es: 'Prevenir, combatir y erradicar la trata de personas en el contexto de la migración internacional',
  },
  'GCM-11': {
    fr: 'Gérer les frontières de manière intégrée, sûre et coordonnée',
    es: 'Gestionar las fronteras de manera integrada, segura y coordinada',
  },
  'GCM-12': {
    fr: 'Améliorer la certitude et la prévisibilité des procédures migratoires pour assurer des contrôles, des évaluations et une orientation appropriés',
    es: 'Aumentar la certidumbre y previsibilidad de los procedimientos migratorios para la adecuada verificación de antecedentes, evaluación y derivación',
  },
  'GCM-13': {
    fr: 'Ne recourir au placement en rétention administrative des migrants qu’en dernier ressort et chercher des solutions de rechange',
    es: 'Utilizar la detención de migrantes solo como último recurso y buscar otras alternativas',
  },
  'GCM-14': {
    fr: 'Renforcer la protection, l’assistance et la coopération consulaires tout au long du cycle migratoire',
    es: 'Mejorar la protección, asistencia y cooperación consulares a lo largo de todo el ciclo migratorio',
  },
  'GCM-15': {
    fr: 'Assurer l’accès des migrants aux services de base',
    es: 'Proporcionar a los migrantes acceso a los servicios básicos',
  },
  'GCM-16': {
    fr: 'Donner aux migrants et aux sociétés les moyens de réaliser la pleine intégration et la cohésion sociale',
    es: 'Empoderar a los migrantes y las sociedades para lograr la plena inclusión y la cohesión social',
  },
  'GCM-17': {
    fr: 'Éliminer toutes les formes de discrimination et encourager un débat public fondé sur l’analyse des faits afin de faire évoluer la manière dont les migrations sont perçues',
    es: 'Eliminar todas las formas de discriminación y promover un discurso público con base empírica para modificar las percepciones de la migración',
  },
  'GCM-18': {
    fr: 'Investir dans le perfectionnement des compétences et faciliter la reconnaissance mutuelle des aptitudes, qualifications et compétences',
    es: 'Invertir en el desarrollo de aptitudes y facilitar el reconocimiento mutuo de aptitudes, cualificaciones y competencias',
  },
  'GCM-19': {
    fr: 'Créer les conditions permettant aux migrants et aux diasporas de contribuer pleinement au développement durable dans tous les pays',
    es: 'Crear las condiciones necesarias para que los migrantes y las diásporas puedan contribuir plenamente al desarrollo sostenible en todos los países',
  },
  'GCM-20': {
    fr: 'Promouvoir des transferts de fonds plus rapides, plus sûrs et moins coûteux et favoriser l’inclusion financière des migrants',
    es: 'Promover transferencias de remesas más rápidas, seguras y económicas y fomentar la inclusión financiera de los migrantes',
  },
  'GCM-21': {
    fr: 'Coopérer en vue de faciliter le retour et la réadmission des migrants en toute sécurité et dans la dignité, ainsi que leur réintégration durable',
    es: 'Colaborar para facilitar el regreso y la readmisión en condiciones de seguridad y dignidad, así como la reintegración sostenible',
  },
  'GCM-22': {
    fr: 'Mettre en place des mécanismes de portabilité des droits de sécurité sociale et des avantages acquis',
    es: 'Establecer mecanismos para la portabilidad de la seguridad social y las prestaciones adquiridas',
  },
  'GCM-23': {
    fr: 'Renforcer la coopération internationale et les partenariats mondiaux pour des migrations sûres, ordonnées et régulières',
    es: 'Fortalecer la cooperación internacional y las alianzas mundiales para la migración segura, ordenada y regular',
  },
};

export class FrameworkTargetTitles1764180000001 implements MigrationInterface {
  name = 'FrameworkTargetTitles1764180000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE framework_target_titles (
      code text NOT NULL REFERENCES framework_targets(code) ON DELETE CASCADE,
      locale text NOT NULL CONSTRAINT ck_framework_target_titles_locale CHECK (locale IN ('sw','fr','es','ar','pt')),
      title text NOT NULL CONSTRAINT ck_framework_target_titles_title CHECK (length(title) > 0),
      CONSTRAINT pk_framework_target_titles PRIMARY KEY (code, locale)
    )`);
    const codes = Object.keys(GCM);
    await q.query(
      `INSERT INTO framework_target_titles (code, locale, title)
       SELECT t.code, t.locale, t.title
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t(code, locale, title)
        WHERE EXISTS (SELECT 1 FROM framework_targets f WHERE f.code = t.code)`,
      [
        [...codes, ...codes],
        [...codes.map(() => 'fr'), ...codes.map(() => 'es')],
        [...codes.map((c) => GCM[c].fr), ...codes.map((c) => GCM[c].es)],
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE framework_target_titles`);
  }
}
