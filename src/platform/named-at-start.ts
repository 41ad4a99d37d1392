import type { OutgoingMessage } from '../messages.ts';

export interface NamedAtStart {
  person: { id?: string; name: string };
  /** Where "@name" stands in the text, in UTF-16 units (as JavaScript and Telegram count). */
  offset: number;
  length: number;
}

/**
 * The people a group message is for, in the order the text names them at its start ("@李先生 @周姐 【您报告的停水…】"):
 * `mentions` when there are several, else `mention`. A platform that can notify turns each into a real mention
 * (WeChat's room.say with contacts, Telegram's text_mention); the rest of the text follows the last one's separator.
 */
export function namedAtStart(message: Pick<OutgoingMessage, 'text' | 'mention' | 'mentions'>): NamedAtStart[] {
  const people = message.mentions && message.mentions.length > 1 ? message.mentions : message.mention ? [message.mention] : [];
  const named: NamedAtStart[] = [];
  let at = 0;
  for (const person of people) {
    const name = `@${person.name}`;
    if (!message.text.startsWith(name, at) || !/^[\s\u2005]/u.test(message.text.slice(at + name.length, at + name.length + 1))) break;
    named.push({ person, offset: at, length: name.length });
    at += name.length + 1;
  }
  return named;
}

/** The text after the names `namedAtStart` found (and the separator after the last). */
export function afterNames(text: string, named: readonly NamedAtStart[]): string {
  const last = named.at(-1);
  return last ? text.slice(last.offset + last.length + 1) : text;
}
