/**
 * `npm run bench:engine`: simulated estate traffic through the whole core (Bot.handle with the real classifier and
 * the real lowdb store on disk) and, on the same messages, the classifier alone; prints throughput, latency and
 * peak memory. Issue 9 targets: ≥ 2,000 messages/s on one core, p99 ≤ 20 ms, peak RSS ≤ 600 MB.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { ManualClock } from '../src/clock.ts';
import { createClassifier } from '../src/classifier/index.ts';
import { parseConfig } from '../src/config/load.ts';
import type { ChatConfig, StaffConfig } from '../src/config/schema.ts';
import { coreServices } from '../app/compose.ts';
import { Bot } from '../src/core/bot.ts';
import { classifyWith } from '../src/conversation/classify-fn.ts';
import type { IncomingMessage } from '../src/messages.ts';
import { openLowdbStore } from '../src/store/lowdb-store.ts';

const OWNERS = 2000;
const GROUPS = 20;
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const REQUEST_SHARE = 0.05;

/** Deterministic pseudo-random numbers, so every run sends the same traffic. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rnd = rng(20261127);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

const CHATTER = [
  '今天天气真好', '有人知道附近哪家早餐好吃吗', '哈哈哈哈', '谁家的快递放错门口了', '周末一起去爬山吗',
  '孩子的数学作业谁会做', '小区的桂花开了好香', '晚上广场舞几点开始', '收到,谢谢', '👍👍👍', '早上好',
  '出一个九成新的婴儿车', '楼下新开的超市在搞活动', '求推荐靠谱的钢琴老师', '明天降温记得加衣服', '好的好的',
];
const PROBLEMS = ['厨房水管漏水', '卫生间灯不亮了', '门锁坏了打不开', '阳台下水堵了', '客厅插座没电', '热水器不出热水'];
const TIMES = ['明天下午两点', '周六上午', '今晚8点前', '随时'];

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-bench-engine-'));
  const root = join(import.meta.dirname, '..');
  const sample = join(root, 'config/sample.yaml');
  const base = parseConfig(await readFile(sample, 'utf8'), sample, root);
  const groups: ChatConfig[] = Array.from({ length: GROUPS }, (_, i) => ({
    platform: 'console', id: `owners-${i}`, estate: 'sunshine', role: 'owners', title: `业主群${i}`, offerToRegister: true, offersPerWindow: 3, offerWindowMinutes: 10, offerIntervalMinutes: 10,
  }));
  const handlers: StaffConfig[] = Array.from({ length: 5 }, (_, i) => ({
    platform: 'console', id: `eng-${i}`, name: `工程${i}`, estate: 'sunshine', unit: 'engineering', role: 'handler', onDuty: true,
  }));
  const config = { ...base, dataDir, chats: [...base.chats, ...groups], staff: [...base.staff, ...handlers] };

  const classifier = await createClassifier(config.rulesDir);
  const store = await openLowdbStore({ dataDir, log: () => undefined });
  const clock = new ManualClock('2026-11-27T09:00:00+08:00');
  const bot = new Bot({
    config, store, clock, log: () => undefined,
    ...coreServices(config, store, clock),
    classify: classifyWith(classifier),
  });

  // The traffic: each owner belongs to one group; a request is followed by its confirmation; staff accept and
  // complete some of what was recorded.
  const script: IncomingMessage[] = [];
  let seq = 0;
  const say = (chat: string, kind: 'group' | 'private', sender: string, name: string, text: string) =>
    script.push({ id: `b${++seq}`, chat: { platform: 'console', id: chat, kind }, sender: { id: sender, displayName: name }, text, mentionsBot: false, at: new Date(0), attachments: [] });
  let tickets = 0;
  while (script.length < MESSAGES) {
    const owner = Math.floor(rnd() * OWNERS);
    const group = `owners-${owner % GROUPS}`;
    if (rnd() < REQUEST_SHARE) {
      say(group, 'group', `o${owner}`, `业主${owner}`, `报修 ${1 + (owner % 30)}栋${1 + (owner % 3)}单元${100 + (owner % 30)} ${pick(PROBLEMS)} ${pick(TIMES)}`);
      say(group, 'group', `o${owner}`, `业主${owner}`, '确认');
      tickets += 1;
      if (rnd() < 0.6) {
        const handler = `eng-${tickets % 5}`;
        const number = `R${String(tickets).padStart(4, '0')}`;
        say('engineering', 'group', handler, `工程${tickets % 5}`, `接单 ${number}`);
        say('engineering', 'group', handler, `工程${tickets % 5}`, `完成 ${number} 已修好`);
      }
    } else {
      say(group, 'group', `o${owner}`, `业主${owner}`, pick(CHATTER));
    }
  }

  // The segmenter loads on the first text that needs it (issue 23): load it before the clock starts, as the code
  // before the lazy load did at construction, so the figures compare steady traffic.
  classifier.classify('厨房水管漏水');
  // Peak RSS is the kernel's own high-water mark (getrusage), taken at the end: sampling RSS every 20 ms cost the
  // loop ~0.15 ms a sample on a busy machine (counted as the core's CPU) and could miss a peak between samples.

  const latencies: number[] = [];
  // BENCH_CPU_PROFILE=FILE writes a V8 CPU profile of the core loop alone (not of setup or the classifier-only pass).
  const profileTo = process.env.BENCH_CPU_PROFILE;
  const session = profileTo ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 250 });
    await session.post('Profiler.start');
  }
  // Each pass starts from a collected heap (npm run bench:engine passes --expose-gc): the classifier-only pass used to
  // run right after the core loop and pay for its garbage, which read as a slower classifier and a higher ratio.
  collect();
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  for (const message of script) {
    clock.advance(200);
    const t0 = performance.now();
    await bot.handle({ ...message, at: clock.now() });
    latencies.push(performance.now() - t0);
  }
  const coreSeconds = (performance.now() - started) / 1000;
  const coreCpu = process.cpuUsage(cpuStarted);
  if (session && profileTo) {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(profileTo, JSON.stringify(profile));
    session.disconnect();
  }

  // The classifier-only pass over the corpus once takes ~60–100 ms, short enough for one scheduling hiccup to move it
  // by half (143k–344k msgs/s seen in one run on identical code). Each pass therefore repeats the same corpus until it
  // has run ≥ 300 ms, and the median of five passes is taken. This favours neither side: the classifier does the same
  // work per message (it keeps no state between texts), the rate is still messages over seconds, and the core figure
  // is untouched; only the classifier figure's spread shrinks.
  const classifyPasses: number[] = [];
  const classifyCpuPasses: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    collect();
    let classified = 0;
    const classifyCpu = process.cpuUsage();
    const classifyStarted = performance.now();
    let elapsed = 0;
    do {
      for (const message of script) classifier.classify(message.text);
      classified += script.length;
      elapsed = performance.now() - classifyStarted;
    } while (elapsed < 300);
    classifyPasses.push(classified / (elapsed / 1000));
    const cpu = process.cpuUsage(classifyCpu);
    classifyCpuPasses.push(classified / ((cpu.user + cpu.system) / 1e6));
  }
  const classifyRate = [...classifyPasses].sort((a, b) => a - b)[2]!;
  const classifyCpuRate = [...classifyCpuPasses].sort((a, b) => a - b)[2]!;
  const peakRss = process.resourceUsage().maxRSS * 1024;

  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  const recorded = (await store.listTickets()).length;
  await store.close();
  await rm(dataDir, { recursive: true, force: true });

  const coreRate = script.length / coreSeconds;
  console.log(`messages ${script.length} (${OWNERS} owners, ${GROUPS} groups, ${(REQUEST_SHARE * 100).toFixed(0)}% requests), tickets recorded ${recorded}`);
  console.log(`whole core:      ${coreRate.toFixed(0)} msgs/s   p50 ${q(0.5).toFixed(2)} ms   p99 ${q(0.99).toFixed(2)} ms   max ${q(1).toFixed(2)} ms`);
  // CPU time is less disturbed than wall time by other work on the machine: the figure to compare changes by.
  console.log(`core CPU:        ${((coreCpu.user + coreCpu.system) / 1000).toFixed(0)} ms (user ${(coreCpu.user / 1000).toFixed(0)}, system ${(coreCpu.system / 1000).toFixed(0)}) over ${(coreSeconds * 1000).toFixed(0)} ms wall`);
  console.log(`classifier only: ${classifyRate.toFixed(0)} msgs/s (median of ${classifyPasses.map((r) => (r / 1000).toFixed(0) + 'k').join(', ')})`);
  // The same ratio by CPU time (messages per CPU second on each side): less moved by other work on the machine than
  // the wall-clock ratio below, which is the figure.
  const coreCpuRate = script.length / ((coreCpu.user + coreCpu.system) / 1e6);
  console.log(`by CPU:          core ${coreCpuRate.toFixed(0)} msgs/CPU-s, classifier ${classifyCpuRate.toFixed(0)} msgs/CPU-s, core/classifier ${(coreCpuRate / classifyCpuRate * 100).toFixed(1)}%`);
  console.log(
    `SUMMARY core ${coreRate.toFixed(0)} msgs/s (target ≥ 2000) | p99 ${q(0.99).toFixed(2)} ms (target ≤ 20) | peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (target ≤ 600) | core/classifier ${(coreRate / classifyRate * 100).toFixed(1)}%`,
  );
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  else if (!warned) {
    warned = true;
    console.log('(run with node --expose-gc, as npm run bench:engine does, to start each pass from a collected heap)');
  }
}
let warned = false;

await main();
