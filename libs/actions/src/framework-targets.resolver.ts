import { Inject } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLRequestContext, languageName, Locale, localeOf, Public, t } from '@coord/core';
import { FrameworkTarget } from './framework-target.entity';
import { FrameworkTargetsService } from './framework-targets.service';

@Resolver(() => FrameworkTarget)
export class FrameworkTargetsResolver {
  constructor(@Inject(FrameworkTargetsService) private readonly targets: FrameworkTargetsService) {}

  @Public()
  @Query(() => [FrameworkTarget], { description: 'The reference catalogue; public, it holds no personal data.' })
  frameworkTargets(@Args('framework', { type: () => String, nullable: true }) framework?: string) {
    return this.targets.list(framework);
  }

  @ResolveField(() => String, {
    description:
      "The official title in the request's language when one is held (the GCM's objectives in French and Spanish), in English otherwise.",
  })
  async title(@Parent() target: FrameworkTarget, @Context() ctx: GraphQLRequestContext): Promise<string> {
    return (await this.official(target, ctx))?.title ?? target.title;
  }

  @ResolveField(() => String, { description: 'The language `title` is in (BCP 47).' })
  async titleLocale(@Parent() target: FrameworkTarget, @Context() ctx: GraphQLRequestContext): Promise<string> {
    return (await this.official(target, ctx))?.locale ?? 'en';
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "Says so, in the reader's language, when the title is shown in English for want of an official text.",
  })
  async titleNotice(@Parent() target: FrameworkTarget, @Context() ctx: GraphQLRequestContext): Promise<string | null> {
    const locale = localeOf(ctx);
    if (locale === 'en' || (await this.official(target, ctx))) return null;
    return t(locale, 'framework.fallbackToEnglish', { language: languageName(locale, locale) });
  }

  /** The official title in the request's language, batched per request (one query for all targets shown). */
  private async official(target: FrameworkTarget, ctx: GraphQLRequestContext) {
    const locale: Locale = localeOf(ctx);
    if (locale === 'en') return null;
    const title = await ctx.loaders
      .get<string, string | null>(`frameworkTargets.title.${locale}`, async (codes) => {
        const found = await this.targets.officialTitles(locale, codes);
        return codes.map((code) => found.get(code) ?? null);
      })
      .load(target.code);
    return title ? { title, locale } : null;
  }
}
