import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A target of a policy framework (GCM objective, SDG target, MiGOF principle or objective, MGI domain). */
@ObjectType('FrameworkTarget')
@Entity({ name: 'framework_targets' })
export class FrameworkTarget {
  @Field({ description: 'e.g. GCM-16, SDG-10.7.2, MIGOF-P2, MGI-2' })
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Field({ description: 'GCM, SDG, MIGOF or MGI' })
  @Column({ type: 'text' })
  framework: string;

  @Field()
  @Column({ type: 'text' })
  title: string;
}

/**
 * SQL: `column` (framework codes) in natural order, GCM-1, GCM-2, ..., GCM-10 (the ICU collation of migration
 * framework-code-natural-order compares digit runs as numbers).
 */
export const FRAMEWORK_CODE_ORDER = (column: string) => `${column} COLLATE framework_code_order`;

/** The same order in code (for lists built in memory). */
export const compareFrameworkCodes = new Intl.Collator('en', { numeric: true }).compare;
