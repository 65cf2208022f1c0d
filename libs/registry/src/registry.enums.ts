import { registerEnumType } from '@nestjs/graphql';

/** Where in the multi-level system a body or organization sits. */
export enum GovernanceLevel {
  GLOBAL = 'GLOBAL',
  REGIONAL = 'REGIONAL',
  NATIONAL = 'NATIONAL',
  SUBNATIONAL = 'SUBNATIONAL',
  LOCAL = 'LOCAL',
}

export enum BodyKind {
  NATIONAL_COORDINATION_MECHANISM = 'NATIONAL_COORDINATION_MECHANISM',
  INTER_MINISTERIAL_COMMITTEE = 'INTER_MINISTERIAL_COMMITTEE',
  TECHNICAL_WORKING_GROUP = 'TECHNICAL_WORKING_GROUP',
  COUNCIL = 'COUNCIL',
  COUNTY_OUTREACH_PROGRAMME = 'COUNTY_OUTREACH_PROGRAMME',
  LOCAL_COORDINATION_FORUM = 'LOCAL_COORDINATION_FORUM',
  CONSULTATIVE_PROCESS = 'CONSULTATIVE_PROCESS',
  JOINT_COMMITTEE = 'JOINT_COMMITTEE',
  TASK_FORCE = 'TASK_FORCE',
  OTHER = 'OTHER',
}

export enum BodyStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  DORMANT = 'DORMANT',
  DISSOLVED = 'DISSOLVED',
}

/** Whole-of-government and whole-of-society stakeholder categories. */
export enum StakeholderSector {
  NATIONAL_GOVERNMENT = 'NATIONAL_GOVERNMENT',
  SUBNATIONAL_GOVERNMENT = 'SUBNATIONAL_GOVERNMENT',
  LOCAL_GOVERNMENT = 'LOCAL_GOVERNMENT',
  PARLIAMENT = 'PARLIAMENT',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  MIGRANT_ASSOCIATION = 'MIGRANT_ASSOCIATION',
  DIASPORA_ORGANIZATION = 'DIASPORA_ORGANIZATION',
  PRIVATE_SECTOR = 'PRIVATE_SECTOR',
  TRADE_UNION = 'TRADE_UNION',
  EMPLOYERS_ORGANIZATION = 'EMPLOYERS_ORGANIZATION',
  ACADEMIA = 'ACADEMIA',
  INTERNATIONAL_ORGANIZATION = 'INTERNATIONAL_ORGANIZATION',
  REGIONAL_ORGANIZATION = 'REGIONAL_ORGANIZATION',
  FAITH_BASED_ORGANIZATION = 'FAITH_BASED_ORGANIZATION',
  NATIONAL_HUMAN_RIGHTS_INSTITUTION = 'NATIONAL_HUMAN_RIGHTS_INSTITUTION',
  MEDIA = 'MEDIA',
  OTHER = 'OTHER',
}

/** Sectors that count as government in the whole-of-government / whole-of-society share. */
export const GOVERNMENT_SECTORS: readonly StakeholderSector[] = [
  StakeholderSector.NATIONAL_GOVERNMENT,
  StakeholderSector.SUBNATIONAL_GOVERNMENT,
  StakeholderSector.LOCAL_GOVERNMENT,
  StakeholderSector.PARLIAMENT,
];

export enum MemberRole {
  CHAIR = 'CHAIR',
  CO_CHAIR = 'CO_CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
  SECRETARIAT = 'SECRETARIAT',
  MEMBER = 'MEMBER',
  ALTERNATE = 'ALTERNATE',
  OBSERVER = 'OBSERVER',
  STANDING_INVITEE = 'STANDING_INVITEE',
  FOCAL_POINT = 'FOCAL_POINT',
}

export enum TermsOfReferenceStatus {
  DRAFT = 'DRAFT',
  ADOPTED = 'ADOPTED',
  SUPERSEDED = 'SUPERSEDED',
}

export enum DecisionRule {
  CONSENSUS = 'CONSENSUS',
  SIMPLE_MAJORITY = 'SIMPLE_MAJORITY',
  TWO_THIRDS_MAJORITY = 'TWO_THIRDS_MAJORITY',
}

export enum MeetingFrequency {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  BIANNUAL = 'BIANNUAL',
  ANNUAL = 'ANNUAL',
  AD_HOC = 'AD_HOC',
}

registerEnumType(GovernanceLevel, {
  name: 'GovernanceLevel',
  description: 'Where in the multi-level system a body or organization sits.',
});
registerEnumType(BodyKind, { name: 'BodyKind' });
registerEnumType(BodyStatus, { name: 'BodyStatus' });
registerEnumType(StakeholderSector, {
  name: 'StakeholderSector',
  description: 'Whole-of-government and whole-of-society stakeholder categories.',
});
registerEnumType(MemberRole, { name: 'MemberRole' });
registerEnumType(TermsOfReferenceStatus, { name: 'TermsOfReferenceStatus' });
registerEnumType(DecisionRule, { name: 'DecisionRule' });
registerEnumType(MeetingFrequency, { name: 'MeetingFrequency' });
