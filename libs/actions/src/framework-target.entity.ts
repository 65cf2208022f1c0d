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
