// A client with cookies, for walking through forms over real HTTP: keeps cookies, reads CSRF fields.
export class HttpSession {
  readonly cookies = new Map<string, string>();
  lastCookies: string[] = [];

  constructor(readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const url = path.startsWith('http') ? path : this.baseUrl + path;
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.lastCookies = response.headers.getSetCookie();
    for (const line of this.lastCookies) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  /** POSTs a form as a browser does (urlencoded). */
  post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Posts a form found on a page: the CSRF token comes from that page, as a browser's would. */
  async postFrom(pagePath: string, action: string, fields: Record<string, string>): Promise<Response> {
    const page = await (await this.get(pagePath)).text();
    return this.post(action, { ...fields, _csrf: HttpSession.csrfOf(page) });
  }

  /** The CSRF token of the first form on a page. */
  static csrfOf(html: string): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!match?.[1]) throw new Error('no CSRF field on the page');
    return match[1];
  }
}
