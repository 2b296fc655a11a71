/**
 * The signed-in staff member, for the console and administration: loaded from
 * GET /api/v1/auth/me (the session is an httpOnly cookie the page cannot read).
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionUser } from '../../shared/api/auth.ts';
import { apiRequest, ApiError, type RequestOptions } from './client.ts';

/**
 * The signed-in user as the API describes it (src/shared/api/auth.ts). What they may do — the
 * pages they work in (their first page first), the roles they may grant, whether they see the
 * whole agency tree — comes from the server's policy, so the menus and pages here never decide by role.
 */
export type StaffUser = SessionUser;

interface SessionState {
  /** undefined while loading; null when nobody is signed in. */
  user: StaffUser | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

const sessionEvents = new EventTarget();
const EXPIRED = 'expired';

/**
 * A staff call was answered 401: the session expired or was ended elsewhere. Whoever shows
 * the user (SessionProvider) forgets them, so the sign-in page appears instead of load errors.
 */
export function reportSessionExpired(): void {
  sessionEvents.dispatchEvent(new Event(EXPIRED));
}

/** A call of the console or administration: a 401 means the session is gone, and the sign-in page comes back. */
export async function signedInRequest<T>(path: string, options?: RequestOptions): Promise<T> {
  try {
    return await apiRequest<T>(path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) reportSessionExpired();
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<StaffUser | null | undefined>(undefined);
  useEffect(() => {
    // Any failure (401 or the server unreachable) leaves the sign-in page, which says what went wrong when used.
    apiRequest<StaffUser>('/api/v1/auth/me').then(setUser, () => setUser(null));
    const expired = () => setUser(null);
    sessionEvents.addEventListener(EXPIRED, expired);
    return () => sessionEvents.removeEventListener(EXPIRED, expired);
  }, []);
  const signIn = useCallback(async (username: string, password: string) => {
    const session = await apiRequest<{ user: StaffUser }>('/api/v1/auth/login', { body: { username, password } });
    setUser(session.user);
  }, []);
  const signOut = useCallback(async () => {
    try {
      await apiRequest('/api/v1/auth/logout', { method: 'POST' });
    } finally {
      setUser(null);
    }
  }, []);
  return <SessionContext.Provider value={{ user, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a SessionProvider');
  return session;
}
