export enum PlatformRole {
  ADMIN = 'ADMIN',
  USER = 'USER',
}

/** The signed-in user as the request sees it (from the access token, re-checked against the database). */
export interface AuthUser {
  id: string;
  email: string;
  platformRole: PlatformRole;
  personId: string | null;
  /** users.locale: the language of the request when its Accept-Language names none the platform speaks. */
  locale?: string;
}

export const isAdmin = (user: AuthUser | null | undefined): boolean => user?.platformRole === PlatformRole.ADMIN;
