import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, request } from './api';
import { useSite } from './site';

export type Loaded<T> = { data: T | undefined; error: unknown; loading: boolean; reload: () => void };

/**
 * GETs `path` from the API (nothing while it is null), again whenever the path or the sign-in
 * changes. An answer to an older path is dropped, so pages never show what was asked before.
 * A 401 with a sign-in means the sign-in expired: the member is signed out and the page asks again as the public.
 */
export const useApi = <T>(path: string | null): Loaded<T> => {
  const { session, signOut } = useSite();
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: path !== null });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((value) => value + 1), []);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    request<T>(path, { signal: controller.signal }).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401 && session) signOut();
        setState({ error, loading: false });
      },
    );
    return () => controller.abort();
  }, [path, session?.jwt, round]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
};
