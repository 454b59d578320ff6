// Who is looking, as the web kit knows them: the signed-in member a request acts for, or null. The kit knows no
// capability; accounts' User is this very shape (a compile-time check in accounts/account.ts keeps them one).
export type ViewerRole = 'user' | 'moderator' | 'admin';

export interface Viewer {
  id: number;
  email: string;
  username: string;
  displayName: string;
  role: ViewerRole;
  createdAt: string;
  showUpvotes: boolean;
}
