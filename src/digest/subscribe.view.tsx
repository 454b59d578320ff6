// The subscription pages: subscribe, confirm, preferences (reached by a signed link), unsubscribe.
import type { User } from '../accounts/account.ts';
import { CsrfField } from '../http/components/csrf-field.view.tsx';
import { Layout } from '../http/layout.view.tsx';
import { defaultPreferences, MAX_TOPICS, weekdays, type DigestSummary, type Preferences, type Subscription } from './subscription.ts';


function PreferenceFields({ preferences }: { preferences: Preferences }) {
  return (
    <>
      <fieldset class="choices">
        <legend>How often</legend>
        <label class="check">
          <input type="radio" name="frequency" value="daily" checked={preferences.frequency === 'daily'} /> Daily, on weekdays
        </label>
        <label class="check">
          <input type="radio" name="frequency" value="weekly" checked={preferences.frequency === 'weekly'} /> Weekly, on{' '}
          <select name="weeklyDay" aria-label="Day of the weekly digest">
            {weekdays.map((day, i) => <option value={String(i + 1)} selected={preferences.weeklyDay === i + 1}>{day}</option>)}
          </select>
        </label>
      </fieldset>
      <label>
        Papers in each digest
        <select name="paperCount">
          {[5, 10, 15, 20, 30].map((n) => <option value={String(n)} selected={preferences.paperCount === n}>{n} trending, plus your topics' matches</option>)}
        </select>
      </label>
      <label>
        Topics <span class="hint">optional: one search a line, like "graph neural networks" or "protein folding"; up to {MAX_TOPICS}</span>
        <textarea name="topics" rows={3} value={preferences.topics.join('\n')} />
      </label>
      <label class="check">
        <input type="checkbox" name="skipQuiet" checked={preferences.skipQuiet} /> Skip days with nothing notable{' '}
        <span class="hint">no mail when no paper is trending, even if your topics have new papers</span>
      </label>
    </>
  );
}

export function SubscribePage({ viewer, email = '', error, preferences = defaultPreferences, current = null }: {
  viewer: User | null; email?: string; error?: string; preferences?: Preferences;
  /** The signed-in member's digest, when they have one: shown instead of a second subscription form. */
  current?: DigestSummary | null;
}) {
  if (viewer && current) {
    return (
      <Layout title="Subscribe">
        <section class="panel">
          <h1>You are subscribed</h1>
          <p>{current.text}</p>
          <p>To <strong>{viewer.email}</strong>.</p>
          <p><a class="button" href={current.editUrl}>Change or pause your digest</a></p>
        </section>
      </Layout>
    );
  }
  return (
    <Layout title="Subscribe">
      <section class="panel">
        <h1>Get trending papers in your email inbox</h1>
        <p class="muted">A short mail with the papers this community upvotes and discusses, plus the new papers on your topics. Never the same paper twice; nothing when there is nothing new.</p>
        <form class="form" action="/subscribe" method="post">
          <CsrfField />
          {viewer ? (
            <p>
              To <strong>{viewer.email}</strong> (your account's address).
              <input type="hidden" name="email" value={viewer.email} />
            </p>
          ) : (
            <label>
              Email address
              <input type="email" name="email" value={email} required autocomplete="email" />
            </label>
          )}
          <PreferenceFields preferences={preferences} />
          {error ? <p class="form-error" role="alert">{error}</p> : null}
          <p><button type="submit">Subscribe</button></p>
          {viewer ? null : <p class="hint">We mail you a link to confirm; nothing is sent until you do.</p>}
        </form>
      </section>
    </Layout>
  );
}

export function SubscribeResultPage({ email, active, preferencesUrl }: { email: string; active: boolean; preferencesUrl?: string | undefined }) {
  return (
    <Layout title={active ? 'Subscribed' : 'Check your inbox'}>
      <section class="panel">
        <h1>{active ? 'You are subscribed' : 'Check your inbox'}</h1>
        {active ? (
          <p>The digest goes to {email}. {preferencesUrl ? <a href={preferencesUrl}>Change your preferences</a> : null}</p>
        ) : (
          <p>If {email} can receive mail, a message is on its way: open its link to confirm. It may take a minute; look in spam too.</p>
        )}
      </section>
    </Layout>
  );
}

export function ConfirmSubscriptionPage({ token, confirmed, preferencesUrl }: { token: string; confirmed: boolean | null; preferencesUrl?: string | undefined }) {
  return (
    <Layout title="Confirm your subscription">
      <section class="panel">
        {confirmed === null ? (
          <>
            <h1>Confirm your subscription</h1>
            <form class="form" action="/subscribe/confirm" method="post">
              <CsrfField />
              <input type="hidden" name="token" value={token} />
              <p><button type="submit">Yes, send me the digest</button></p>
            </form>
          </>
        ) : confirmed ? (
          <>
            <h1>You are subscribed</h1>
            <p>The first digest comes with the next run. {preferencesUrl ? <a href={preferencesUrl}>Your preferences</a> : null}</p>
          </>
        ) : (
          <>
            <h1>This link has expired</h1>
            <p>It was used already, or replaced by a newer one. <a href="/subscribe">Subscribe again</a>.</p>
          </>
        )}
      </section>
    </Layout>
  );
}

const statusText: Record<Subscription['status'], string> = {
  pending: 'Waiting for you to confirm: saving your preferences confirms it.',
  active: 'Active.',
  paused: 'Paused: no digests until you resume.',
  unsubscribed: 'Unsubscribed: saving your preferences subscribes you again.',
  suspended: 'Suspended: mail to this address was refused.',
};

export function PreferencesPage({ subscription, keyParam, notice, error }: { subscription: Subscription; keyParam: string; notice?: string | undefined; error?: string | undefined }) {
  const query = `?s=${encodeURIComponent(keyParam)}`;
  return (
    <Layout title="Digest preferences">
      <section class="panel">
        <h1>Your digest</h1>
        <p>For <strong>{subscription.email}</strong>. <span class="muted">{statusText[subscription.status]}</span></p>
        {subscription.status === 'suspended' && subscription.suspendedReason ? (
          <p class="notice" role="status">{subscription.suspendedReason} Saving below resumes sending; make sure the address can receive mail.</p>
        ) : null}
        {notice ? <p role="status" class="notice">{notice}</p> : null}
        <form class="form" action={`/subscription${query}`} method="post">
          <CsrfField />
          <PreferenceFields preferences={subscription} />
          <label class="check">
            <input type="checkbox" name="paused" checked={subscription.status === 'paused'} /> Pause the digest
          </label>
          {error ? <p class="form-error" role="alert">{error}</p> : null}
          <p><button type="submit">Save</button></p>
        </form>
      </section>
      {subscription.status === 'unsubscribed' ? null : (
        <section class="panel">
          <h2>Stop the digest</h2>
          <form action={`/unsubscribe${query}`} method="post">
            <button type="submit" class="button-quiet">Unsubscribe</button>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function UnsubscribePage({ keyParam, done, email }: { keyParam: string; done: boolean; email: string }) {
  return (
    <Layout title="Unsubscribe">
      <section class="panel">
        {done ? (
          <>
            <h1>You are unsubscribed</h1>
            <p>{email} will receive no more digests. Changed your mind? <a href={`/subscription?s=${encodeURIComponent(keyParam)}`}>Subscribe again</a>.</p>
          </>
        ) : (
          <>
            <h1>Unsubscribe {email}?</h1>
            {/* No CSRF field: this is RFC 8058's one-click endpoint; the signed key in the URL is the authority. */}
            <form action={`/unsubscribe?s=${encodeURIComponent(keyParam)}`} method="post">
              <p><button type="submit">Unsubscribe</button></p>
            </form>
          </>
        )}
      </section>
    </Layout>
  );
}
