// The test number plan 919999RSNNNN, as the README states it: R decides the
// RCS leg, S the SMS leg. The simulator's GET /_sim/numbers/{n} says which
// R and S apply to a number (a profile may override the digits); these
// tables say what they mean.

export const RCS = {
  0: 'RCS delivered (DELIVERED_TO_HANDSET); capability ENABLED',
  1: 'no RCS on the device: error 7002 EC_UNKNOWN_USER; capability UNREACHABLE',
  2: 'offline: no report until the validity period ends, then EXPIRED_EXPIRED',
  3: 'carrier without RCS / agent not launched: 7005 EC_FORBIDDEN_ACCESS; REJECTED_NETWORK',
  4: 'the user blocked the agent: 7003 EC_BLOCKED_USER',
  5: 'delivered, seen (seen report), then the user replies YES',
  6: 'cannot show CARD, CAROUSEL or FILE: 7006 EC_BAD_REQUEST (TEXT is delivered)',
  7: 'reserved, behaves as 0', 8: 'reserved, behaves as 0', 9: 'reserved, behaves as 0',
};

export const SMS = {
  0: 'SMS delivered (DELIVERED_TO_HANDSET, NO_ERROR)',
  1: 'UNDELIVERABLE_NOT_DELIVERED, error 27 EC_ABSENT_SUBSCRIBER (not permanent)',
  2: 'REJECTED_DND, error 2050 EC_DEST_ADDRESS_BLACKLISTED',
  3: 'never delivered: EXPIRED_EXPIRED when the validity period ends',
  4: 'slow: DELIVERED_TO_OPERATOR, then DELIVERED_TO_HANDSET 2 s later',
  5: 'UNDELIVERABLE_NOT_DELIVERED, error 1 EC_UNKNOWN_SUBSCRIBER (permanent)',
  6: 'reserved, behaves as 0', 7: 'reserved, behaves as 0', 8: 'reserved, behaves as 0', 9: 'reserved, behaves as 0',
};

export function normalize(n) {
  return String(n || '').trim().replace(/^\+/, '').replace(/[\s-]/g, '');
}

// meaning describes a number from the simulator's decision {rcs, sms, source}.
export function meaning(number, decision) {
  const n = normalize(number);
  const inPlan = /^919999\d{6}$/.test(n);
  const d = decision || {};
  const r = d.rcs ?? (inPlan ? Number(n[6]) : 0);
  const s = d.sms ?? (inPlan ? Number(n[7]) : 0);
  let source;
  if (d.source === 'profile') source = 'a number profile overrides the plan';
  else if (inPlan) source = `number plan 919999RSNNNN: R=${n[6]}, S=${n[7]}, NNNN=${n.slice(8)}`;
  else source = 'outside the reserved range 919999RSNNNN: behaves as R=0, S=0';
  return { r, s, source, rcs: RCS[r] || '', sms: SMS[s] || '', noRCS: r === 1 };
}
