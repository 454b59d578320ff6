// The base of every mail: a table layout with inline styles (what mail clients render), a plain-text twin,
// one call to action, no scripts, no remote images. Text is escaped by the renderer like any page.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';

export interface MailContent {
  /** The first line: shown by clients as the preview. */
  preheader: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}

export const mailFont = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const font = mailFont;

/**
 * The frame every mail shares. Explicit text and background colours on every cell keep it readable when a client
 * darkens the page (dark-mode safe); `color-scheme` lets clients that support it adapt.
 */
export function MailFrame({ preheader, title, footer, children }: { preheader: string; title: string; footer: ComponentChildren; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{title}</title>
      </head>
      <body style={`margin:0;padding:0;background:#f6f6f4;${font}`}>
        <span style="display:none;max-height:0;overflow:hidden">{preheader}</span>
        <table role="presentation" width="100%" cellPadding="0" cellSpacing="0" style="background:#f6f6f4">
          <tr>
            <td align="center" style="padding:24px 12px">
              <table role="presentation" width="600" cellPadding="0" cellSpacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:10px;border:1px solid #e4e4e1">
                <tr>
                  <td style={`padding:28px 32px;color:#1d1f23;background:#ffffff;${font}font-size:16px;line-height:1.55`}>
                    <p style="margin:0 0 18px;font-weight:700;color:#c2410c">Paperboard</p>
                    {children}
                  </td>
                </tr>
                <tr>
                  <td style={`padding:16px 32px;border-top:1px solid #e4e4e1;color:#61656e;background:#ffffff;${font}font-size:12px;line-height:1.5`}>{footer}</td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
}

function MailHtml({ content }: { content: MailContent }) {
  return (
    <MailFrame preheader={content.preheader} title={content.heading} footer={content.footer}>
                    <h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">{content.heading}</h1>
                    {content.paragraphs.map((p) => (
                      <p style="margin:0 0 14px">{p}</p>
                    ))}
                    {content.action ? (
                      <p style="margin:22px 0">
                        <a href={content.action.url} style="display:inline-block;background:#c2410c;color:#ffffff;text-decoration:none;font-weight:600;padding:11px 18px;border-radius:8px">
                          {content.action.label}
                        </a>
                      </p>
                    ) : null}
                    {content.action ? (
                      <p style="margin:0 0 14px;font-size:13px;color:#61656e;word-break:break-all">{content.action.url}</p>
                    ) : null}
    </MailFrame>
  );
}

export function renderMail(content: MailContent): { html: string; text: string } {
  const text = [
    content.heading,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    '-- ',
    content.footer,
  ].join('\n');
  return { html: `<!doctype html>${renderToString(<MailHtml content={content} />)}`, text };
}
