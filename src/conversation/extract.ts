import { cleanText } from './text-hygiene.ts';
import { parsePublicPlace, parseRoom, type Location } from '../domain/location.ts';
import { firstPhone, PHONE_SOURCE } from '../domain/phone-mask.ts';

/** A mobile or an area-coded landline (elderly owners often give the flat's landline), as the record keeps it. */
export const extractPhone = firstPhone;

/** A room, or failing that a public-area place such as 3栋大堂. */
export function extractLocation(text: string): Location | undefined {
  return parseRoom(text) ?? parsePublicPlace(text);
}

/** What is left of a message once the room and phone are taken out: the description of the problem. */
export function stripDetails(text: string, location: Location | undefined, phone: string | undefined): string {
  let rest = text.normalize('NFKC');
  // A room is taken out of the description; a public place stays in it, since it is part of what is wrong.
  if (location?.kind === 'room') rest = rest.replace(location.text, ' ');
  if (phone) rest = rest.replace(new RegExp(`(?:联系电话|联系方式|手机号?|座机|电话|tel)?[::\\s]*${PHONE_SOURCE}`, 'i'), ' ');
  return rest
    .replace(/\s+/g, ' ')
    .replace(/([,,、;;。])(?:\s*[,,、;;。])+/g, '$1')
    .replace(/^[\s,,。.、:;]+|[\s,,.、:;]+$/g, '')
    .trim();
}

/** Control characters, escape codes, bidi overrides and invisible marks carry nothing a person typed on purpose. */
export const sanitizeText = cleanText;
