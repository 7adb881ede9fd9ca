// A real OpenID Connect provider for the test suite: panva's oidc-provider on 127.0.0.1.
//
// node server.mjs CONFIG.json   (devservers/oidc_provider.py writes the file and starts this)
//
// CONFIG: {"port": N, "accounts": [{"sub", "email", "name", "password"}], "clients": [...static clients]}
// Clients register themselves too (open dynamic registration: this provider lives only on 127.0.0.1
// for one test run). A client registered with "x_misbehave" gets its ID tokens spoiled on the way out
// of the token endpoint, so the tracker's checks meet what a broken or hostile provider sends:
//   tamper    the payload changed after signing (the signature no longer matches)
//   audience  re-signed for another audience
//   expired   re-signed with an expiry an hour ago
//   issuer    re-signed by another issuer's name
// The login page is our own (devInteractions load web fonts from the internet; the suite stays on 127.0.0.1).
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const issuer = `http://127.0.0.1:${config.port}`;
const MISBEHAVIOURS = new Set(['tamper', 'audience', 'expired', 'issuer']);

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };

const accounts = config.accounts || [];
const byEmail = (email) => accounts.find((a) => a.email.toLowerCase() === String(email || '').trim().toLowerCase());

const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1>${body}</body></html>`;
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(issuer, {
  clients: config.clients || [],
  jwks: { keys: [signingJwk] },
  cookies: { keys: [createHash('sha256').update(`cookies-${config.port}`).digest('hex')] },
  // The account id is the subject itself: it is handed out once, as it is (not encoded again).
  async findAccount(ctx, id) {
    const account = accounts.find((a) => a.sub === id);
    if (!account) return undefined;
    return {
      accountId: account.sub,
      async claims() {
        return { sub: account.sub, email: account.email, email_verified: true, name: account.name };
      },
    };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // As Entra ID does: the requested claims travel in the ID token itself.
  conformIdTokenClaims: false,
  extraClientMetadata: {
    properties: ['x_misbehave'],
    validator(ctx, key, value) {
      if (key === 'x_misbehave' && value !== undefined && !MISBEHAVIOURS.has(value)) {
        throw new Error(`x_misbehave must be one of ${[...MISBEHAVIOURS].join(', ')}`);
      }
    },
  },
  features: {
    devInteractions: { enabled: false },
    registration: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Sign out', `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out', '<p>You are signed out at the provider.</p>');
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: { IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60, Session: 3600, Interaction: 600, Grant: 3600 },
});

async function spoil(idToken, mode) {
  const [header, payload, signature] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  if (mode === 'tamper') {
    claims.email = `other.${claims.email}`;
    return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
  }
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'audience') claims.aud = 'another-client';
  if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (mode === 'issuer') claims.iss = 'http://127.0.0.1:9/another-issuer';
  const key = await jose.importJWK(signingJwk, 'RS256');
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid }).sign(key);
}

provider.use(async (ctx, next) => {
  await next();
  const mode = ctx.oidc?.client?.metadata()?.x_misbehave;
  if (ctx.path === '/token' && ctx.status === 200 && mode && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await spoil(ctx.body.id_token, mode) };
  }
});

// Our login page: e-mail and password of a configured account; consent is given at once (a first-party client).
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([\w-]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.prompt.name === 'consent') {
    const grant = details.grantId ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    const missing = details.prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  let error = '';
  if (ctx.method === 'POST') {
    const form = new URLSearchParams(await new Promise((resolve) => {
      let body = '';
      ctx.req.on('data', (chunk) => { body += chunk; });
      ctx.req.on('end', () => resolve(body));
    }));
    const account = byEmail(form.get('email'));
    if (account && account.password === form.get('password')) {
      return provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
    }
    error = `<p role="alert">Unknown e-mail or wrong password: ${escape(form.get('email') || '')}</p>`;
  }
  ctx.type = 'html';
  ctx.body = page('Test provider sign-in', `${error}<form method="post" action="/interaction/${match[1]}">
<label>E-mail <input name="email" type="email" required></label>
<label>Password <input name="password" type="password" required></label>
<button type="submit">Sign in</button></form>`);
  return undefined;
});

provider.listen(config.port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
