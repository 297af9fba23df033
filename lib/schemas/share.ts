/** What a share link shows: one iteration, or the trail of versions that led to it. */
export const shareScopes = ["iteration", "trail"] as const;
export type ShareScope = (typeof shareScopes)[number];

/** Choices the owner has when sharing; read by the dialog and checked by the server action. */
export const shareExpiryDays = [1, 7, 30] as const;
export type ShareExpiryDays = (typeof shareExpiryDays)[number];
