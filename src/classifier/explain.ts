import { CATEGORY_NAME_ZH, OUTSIDE_PARTY_NAME_ZH, UNIT_NAME_ZH } from '../domain/category.ts';
import type { Classification } from './types.ts';

/** A human-readable account of a classification: what it is, who acts, and which words of which rules said so. */
export function explain(c: Classification): string {
  const lines: string[] = [];
  const name = CATEGORY_NAME_ZH[c.label];
  if (c.label === 'other') {
    lines.push(`label: other (${name}) — no ticket; confidence ${c.confidence.toFixed(2)}`);
  } else {
    lines.push(`label: ${c.label} (${name}), clause ${c.clause}, confidence ${c.confidence.toFixed(2)}`);
    if (c.unit) lines.push(`unit: ${c.unit} (${UNIT_NAME_ZH[c.unit]})`);
    if (c.party) lines.push(`outside party: ${c.party} (${OUTSIDE_PARTY_NAME_ZH[c.party]})`);
  }
  if (c.major) lines.push(`MAJOR (policy 3.1, report to company leadership): ${c.majorReasons.join('; ')}`);
  if (c.normalised) lines.push(`text as matched: ${c.normalised}`);
  if (c.evidence.length === 0) {
    lines.push('evidence: no rule matched');
  } else {
    lines.push('evidence:');
    for (const e of c.evidence) {
      const mark = e.label === c.label ? '+' : ' ';
      lines.push(`  ${mark} ${e.rule} → ${e.label}${e.clause ? ` ${e.clause}` : ''} (weight ${e.weight}): ${e.matched.join(', ')}`);
    }
  }
  const scores = Object.entries(c.scores).sort((a, b) => b[1] - a[1]);
  if (scores.length > 0) lines.push(`scores: ${scores.map(([l, s]) => `${l} ${s}`).join(', ')}`);
  if (c.negated.length > 0) lines.push(`negated (ignored): ${c.negated.join(', ')}`);
  if (c.learned) {
    const l = c.learned;
    const words = (ws: { word: string; weight: number }[]) => ws.map((w) => `${w.word} ${w.weight > 0 ? '+' : ''}${w.weight}`).join(', ') || 'none';
    const verdict = { rules: 'the rules stand', veto: 'overruled the rules: chatter', promote: `overruled the rules: ${l.kind}`, kind: `settled the rules' close call: ${l.kind}` }[l.decided];
    lines.push(`learned layer (the rules were unsure): P(request to the office) ${l.request.toFixed(2)} → ${verdict}`);
    lines.push(`  gate words (+ request, − chatter): ${words(l.gateWords)}`);
    lines.push(`  kind ${l.kind} ${l.kindProbability.toFixed(2)}: ${words(l.kindWords)}`);
  }
  return lines.join('\n');
}
