import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, fetch, type RequestInit, type Response } from 'undici';

/**
 * Which addresses an outbound connection may reach: `public` (the internet only),
 * `loopback` (this machine only), `any`, or `none`.
 */
export type AddressRule = 'public' | 'loopback' | 'any' | 'none';

/** Resolves a host name to every address it has (`dns.lookup` with `all`, unless a test injects its own). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/** An outbound request the policy refused, before or while connecting; the message is fit to show admins and agents. */
export class OutboundRefusedError extends Error {
  readonly code = 'EOUTBOUNDREFUSED';
  constructor(
    message: string,
    /** The refused address, when the refusal was about one. */
    readonly address?: string,
  ) {
    super(message);
  }
}

/** Benchmarking (198.18.0.0/15) is unicast to ipaddr.js, but never a host on the internet. */
const benchmarking = ipaddr.parseCIDR('198.18.0.0/15');

/** A global unicast address: not loopback, private, link-local, CGNAT, reserved, multicast, or an IPv6 form of one of those. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address); // IPv4-mapped IPv6 becomes IPv4
  if (ip.kind() === 'ipv4') return ip.range() === 'unicast' && !ip.match(benchmarking);
  // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits: public when that one is.
  if (ip.range() === 'rfc6052') return isPublicAddress(ipaddr.fromByteArray(ip.toByteArray().slice(12)).toString());
  return ip.range() === 'unicast';
}

/** 127.0.0.0/8 or ::1 (also as IPv4-mapped IPv6). */
export function isLoopbackAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}

const allows = (rule: AddressRule, address: string) =>
  rule === 'any' || (rule === 'public' ? isPublicAddress(address) : rule === 'loopback' ? isLoopbackAddress(address) : false);

const describe: Record<AddressRule, string> = {
  public: 'not a public address',
  loopback: 'not on this machine',
  any: '',
  none: 'not allowed',
};

const refusal = (host: string, address: string, rule: AddressRule) =>
  new OutboundRefusedError(`${host === address ? address : `${host} (${address})`} is ${describe[rule]}`, address);

/**
 * The name lookup the socket connects with: every address the name resolves to must
 * pass `rule`, and the socket connects only to those (so a name that answers a public
 * address to a check and a private one a moment later cannot slip through).
 */
function checkedLookup(rule: AddressRule, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const addresses = found.filter((a) => !options.family || a.family === options.family);
        if (!addresses.length) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '', 0);
        const refused = addresses.find((a) => !allows(rule, a.address));
        if (refused) return callback(refusal(hostname, refused.address, rule), '', 0);
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/**
 * An undici agent whose every connection is checked where it is made: names through
 * `checkedLookup`, and literal addresses (which the socket never looks up) before
 * connecting.
 */
export function guardedAgent(rule: AddressRule, resolve: Resolve = systemResolve): Agent {
  const connect = buildConnector({ lookup: checkedLookup(rule, resolve) });
  return new Agent({
    connect: (options, callback) => {
      const host = options.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) && !allows(rule, host)) return callback(refusal(host, host, rule), null);
      connect(options, callback);
    },
  });
}

/** The rule for each protocol a URL may have. */
type Rules = Record<'https:' | 'http:', AddressRule>;

/**
 * What can be refused from the URL alone: credentials, its protocol, a literal address
 * (which cannot change; fetch's own checks, such as its bad ports, come after this one).
 */
function checkUrl(url: URL, rules: Rules): { host: string; rule: AddressRule } {
  if (url.username || url.password) throw new OutboundRefusedError('a URL with credentials is not allowed');
  const rule = url.protocol === 'https:' || url.protocol === 'http:' ? rules[url.protocol] : 'none';
  if (rule === 'none') throw new OutboundRefusedError(`${url.protocol.slice(0, -1)} URLs are not allowed here`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !allows(rule, host)) throw refusal(host, host, rule);
  return { host, rule };
}

export interface SafeFetchOptions {
  /**
   * Whether endpoints a tenant's admin configures (integrations, channel and payment
   * providers, the LLM) may be on a private network or this machine: on by default,
   * since the desk is often deployed on the business's intranet. Off, they must be
   * https on public addresses.
   */
  privateEndpoints: boolean;
  /** Whether provider and customer links may be plain http to this machine (tests and the demo). */
  loopbackLinks?: boolean;
  /** How names are resolved (tests inject their own). */
  resolve?: Resolve;
}

/**
 * Every server-side fetch to a URL that came from a tenant, a provider or a customer.
 * The rule is picked by the kind of URL and its protocol, and enforced at connect time:
 *
 * - `link` (a provider's media link, a customer's URL): https to public addresses only;
 *   plain http only to this machine and only with `loopbackLinks` (tests and the demo).
 * - `endpoint` (configured by the tenant's admin): https anywhere, plain http only to
 *   this machine; with `privateEndpoints` off, https to public addresses only and no http.
 *
 * Redirects are never followed (`manual` answers them, anything else is an error).
 * Refusals throw `OutboundRefusedError`; everything else is undici's `fetch`.
 */
export class SafeFetch {
  private readonly agents = new Map<AddressRule, Agent>();

  constructor(private readonly options: SafeFetchOptions) {}

  /** A link from a provider's payload or a customer. */
  link(url: string | URL, init: RequestInit = {}): Promise<Response> {
    return this.fetch(url, init, { 'https:': 'public', 'http:': this.options.loopbackLinks ? 'loopback' : 'none' });
  }

  /** An endpoint the tenant's admin configured. */
  endpoint(url: string | URL, init: RequestInit = {}): Promise<Response> {
    return this.fetch(url, init, this.endpointRules());
  }

  /**
   * Why requests to an endpoint an admin is saving would be refused (its name resolved
   * now), or null: a bad endpoint is refused as it is saved rather than at every use.
   * Each request is still checked as it connects, since names change what they resolve to.
   */
  async endpointRefusal(input: string): Promise<string | null> {
    let checked: { host: string; rule: AddressRule };
    try {
      checked = checkUrl(new URL(input), this.endpointRules());
    } catch (err) {
      if (err instanceof OutboundRefusedError) return err.message;
      return 'not a valid URL';
    }
    const { host, rule } = checked;
    if (rule === 'any' || isIP(host)) return null;
    const found = await (this.options.resolve ?? systemResolve)(host).catch(() => []);
    if (found.length === 0) return `${host} does not resolve`;
    const refused = found.find((a) => !allows(rule, a.address));
    return refused ? refusal(host, refused.address, rule).message : null;
  }

  /** Closes the pooled connections. */
  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }

  private endpointRules(): Rules {
    const privateOk = this.options.privateEndpoints;
    return { 'https:': privateOk ? 'any' : 'public', 'http:': privateOk ? 'loopback' : 'none' };
  }

  private async fetch(input: string | URL, init: RequestInit, rules: Rules): Promise<Response> {
    const url = new URL(input);
    const { rule } = checkUrl(url, rules);
    let agent = this.agents.get(rule);
    if (!agent) this.agents.set(rule, (agent = guardedAgent(rule, this.options.resolve)));
    try {
      // Never followed here: a caller that follows redirects does so itself, each hop through this check again.
      return await fetch(url, { ...init, redirect: init.redirect === 'manual' ? 'manual' : 'error', dispatcher: agent });
    } catch (err) {
      // undici reports a failed connection as `TypeError('fetch failed')` with the reason as its cause.
      const cause = (err as { cause?: unknown }).cause;
      throw cause instanceof OutboundRefusedError ? cause : err;
    }
  }
}
