/**
 * The monthly analysis posted to leadership's chats carries its chart as a picture (issue 21), the same chart the
 * office console shows. Pictures are written under `dataDir/charts/` (the outbox keeps paths); without a CJK font
 * the text goes alone and the log says why.
 */
import { join } from 'node:path';
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import type { OutgoingMessage } from '../messages.ts';
import type { Store } from '../store/store.ts';
import { writeMonthlyChartPng } from './charts.ts';
import { monthlyView } from './monthly-chart-data.ts';
import type { MonthId } from '../zoned-time.ts';

export async function withMonthlyCharts(
  deps: { store: Store; config: Config; clock: Clock; log?: (line: string) => void },
  month: MonthId,
  messages: OutgoingMessage[],
): Promise<OutgoingMessage[]> {
  const pictures = new Map<string, Promise<string | undefined>>();
  const picture = (estate: string | undefined) => {
    const key = estate ?? 'all';
    let made = pictures.get(key);
    if (!made) {
      made = monthlyView({ store: deps.store, config: deps.config, now: deps.clock.now() }, month, estate)
        .then((view) => writeMonthlyChartPng(view, join(deps.config.dataDir, 'charts'), `monthly-${month}-${key}`))
        .catch((error: Error) => {
          deps.log?.(`monthly chart for ${key} ${month} not made, the analysis goes as text: ${error.message}`);
          return undefined;
        });
      pictures.set(key, made);
    }
    return made;
  };
  const out: OutgoingMessage[] = [];
  for (const message of messages) {
    const chat = deps.config.chats.find((c) => c.role === 'managers' && c.platform === message.chat.platform && c.id === message.chat.id);
    const path = chat ? await picture(chat.estate) : undefined;
    out.push(path ? { ...message, image: { path } } : message);
  }
  return out;
}
