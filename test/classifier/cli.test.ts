import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runClassifyCommand } from '../../src/classifier/cli.ts';

async function run(lines: string[], explain = false, rulesDir = resolve('rules')) {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (d: Buffer) => chunks.push(d.toString('utf8')));
  const code = await runClassifyCommand({ rulesDir, explain, input: Readable.from([lines.join('\n')]), output });
  return { code, text: chunks.join('') };
}

describe('huiyin classify', () => {
  it('writes one JSON line per input line, plain text or JSON with id', async () => {
    const { code, text } = await run(['电梯坏了 按了没反应', '{"id":"m7","text":"楼上漏水 渗到我家了"}', '', '好的 收到']);
    expect(code).toBe(0);
    const out = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ id: '1', label: 'repair', clause: '4.2.1.1', unit: 'engineering', major: false });
    expect(out[1]).toMatchObject({ id: 'm7', label: 'assist', clause: '4.3.2.1', unit: 'office', party: 'other_owner' });
    expect(out[2]).toMatchObject({ id: '4', label: 'other', clause: null, unit: null });
    for (const o of out) {
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['id', 'label', 'clause', 'unit', 'confidence', 'major', 'evidence']));
    }
    expect((out[0]?.evidence as { rule: string }[]).map((e) => e.rule)).toContain('repair.fault');
  });

  it('answers a broken JSON line with an error line and goes on', async () => {
    const { code, text } = await run(['{"id": "x", "text": "电梯坏了"', '{"id":"y"}', '路灯不亮了']);
    expect(code).toBe(1);
    const out = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out[0]).toMatchObject({ id: '1', line: 1 });
    expect(String(out[0]?.error)).toMatch(/invalid JSON/);
    expect(out[1]).toMatchObject({ id: 'y', line: 2, error: 'JSON line has no string "text"' });
    expect(out[2]).toMatchObject({ id: '3', label: 'repair' });
  });

  it('--explain prints a readable account', async () => {
    const { code, text } = await run(['物业费太贵了 给我打个五折'], true);
    expect(code).toBe(0);
    expect(text).toContain('label: excessive');
    expect(text).toContain('4.3.3.2');
    expect(text).toContain('excessive.fee_reduction');
  });

  it('reports broken rules with exit code 2 and the file name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huiyin-cli-'));
    try {
      await writeFile(join(dir, 'bad.yaml'), 'rules:\n  - id: x\n    label: repair\n    weight: -1\n    any: [坏]\n');
      const { code, text } = await run(['电梯坏了'], false, dir);
      expect(code).toBe(2);
      expect(text).toMatch(/bad\.yaml/);
      expect(text).toContain('field \\"weight\\"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
