import type { EntryPrecondition, LimitedCredential, Pathway, PathwayEntry, PathwayKind, PathwayTerm, RuleSet } from '../data/ruleSetTypes';

/**
 * What a route leads to and who may take it, as data (for the API) and in words (for every page, the CLI
 * and the API): "Full license by examination and qualification", "Time-limited: provisional license — a
 * way to work meanwhile", "Only for people licensed in another jurisdiction".
 */
export interface RouteKind {
  kind: PathwayKind;
  term: PathwayTerm;
  limitedCredential?: LimitedCredential;
  entry?: PathwayEntry;
  /** What the route leads to, in words. */
  leadsTo: string;
  /** Who may take it, in words, where not everyone may. */
  openTo?: string;
}

const CREDENTIAL_NOUN: Record<RuleSet['credential'], string> = {
  license: 'license',
  certificate: 'certificate',
  registration: 'registration',
  none: 'qualification for the role',
};

const LIMITED_WORDS: Record<LimitedCredential, (noun: string) => string> = {
  provisional: (noun) => `provisional ${noun}`,
  temporary: (noun) => `temporary ${noun}`,
  acting: () => 'permit to act as administrator',
  vacancy: () => 'appointment to fill a vacancy',
  'pending-exam': () => 'permit to work while the exam is pending',
};

const OPEN_TO: Record<EntryPrecondition, string> = {
  'license-elsewhere': 'people who hold an active license of the kind in another jurisdiction',
  hse: 'holders of the NAB Health Services Executive (HSE) qualification',
  'vacancy-appointment': 'people a facility has appointed to fill its administrator vacancy',
  'profession-license': 'people licensed in the profession the route names',
  'role-held': 'people who have held the role the route names',
};

/** A route's words never change: worked out once per pathway, not on every evaluation. */
const described = new WeakMap<Pathway, RouteKind>();

export function describeRoute(pathway: Pathway, credential: RuleSet['credential']): RouteKind {
  let route = described.get(pathway);
  if (!route) described.set(pathway, (route = routeKind(pathway, credential)));
  return route;
}

function routeKind(pathway: Pathway, credential: RuleSet['credential']): RouteKind {
  const { kind, term } = pathway;
  const noun = CREDENTIAL_NOUN[credential];
  const how = kind === 'endorsement' ? (pathway.entry?.holds === 'hse' ? 'through the NAB HSE qualification' : 'by endorsement of a credential you hold') : 'by examination and qualification';
  const limited = pathway.limitedCredential;
  const leadsTo =
    term === 'time-limited'
      ? `Time-limited: ${LIMITED_WORDS[limited!](noun)}, a way to work meanwhile, not the full ${noun}`
      : `Full ${noun} ${how}`;
  return {
    kind,
    term,
    ...(limited && { limitedCredential: limited }),
    ...(pathway.entry && { entry: { ...pathway.entry } }),
    leadsTo,
    ...(pathway.entry && { openTo: `Only for ${OPEN_TO[pathway.entry.holds]}` }),
  };
}
