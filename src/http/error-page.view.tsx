// The readable error page: what went wrong in words, and a way back.
import { Layout } from './layout.view.tsx';

const headings: Record<number, string> = {
  400: 'That request did not make sense',
  401: 'Sign in needed',
  403: 'Not allowed',
  404: 'Not found',
  429: 'Too many requests',
  500: 'Something went wrong on our side',
  503: 'Temporarily unavailable',
};

export function ErrorPage({ status, message }: { status: number; message: string }) {
  const heading = headings[status] ?? (status >= 500 ? headings[500] : headings[400]);
  return (
    <Layout title={heading ?? 'Error'}>
      <section class="error-page">
        <p class="error-status">{status}</p>
        <h1>{heading}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Back to today's papers</a>
        </p>
      </section>
    </Layout>
  );
}
