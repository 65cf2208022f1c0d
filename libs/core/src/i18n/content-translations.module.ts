import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import {
  ContentTranslationsReaderSetup,
  ContentTranslationsResolver,
  ContentTranslationsService,
} from './content-translations';

/** The API's setTranslations mutation and the reader the translated fields use (TranslatableTypes: AuditModule). */
@Module({
  imports: [AuthModule],
  providers: [ContentTranslationsService, ContentTranslationsResolver, ContentTranslationsReaderSetup],
})
export class ContentTranslationsModule {}
