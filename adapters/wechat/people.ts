import type { Store } from '../../src/store/store.ts';

/**
 * Who a WeChat contact is, across logins (issue 18 §4). Web puppets (wechat4u) give every contact a new id at each
 * login, so the core never sees a puppet's contact id: it sees a person id (`pid`) that this file keeps stable. A pid
 * is the contact id at first sight (so ids copied from the log into the config stay valid), or the configured staff id
 * a person bound themselves to (binding.ts). After a new login a contact is matched to a known person by, in order:
 * a contact id seen before (puppets with stable ids), the WeChat id (`handle`, where the puppet gives one), the remark
 * name the bot's account gave them (stable on WeChat's side, unique among people), and as a last resort the nickname
 * in a group where the person was seen (logged as a warning: nicknames are not unique and anyone can change theirs).
 * A private chat never matches by nickname alone: that would hand someone's tickets to whoever copies their name.
 */

/** What a puppet says about a contact. */
export interface ContactFacts {
  id: string;
  name: string;
  /** The WeChat id (微信号) where the puppet gives it; web puppets mostly do not. */
  handle?: string;
  /** The remark name the bot's account gave the contact (备注). */
  alias?: string;
}

/** A person as stored: what was seen of them, to recognise them after the next login. */
export interface WechatPerson {
  pid: string;
  /** The latest contact ids (newest first): stable on pad/service puppets, one per login on web puppets. */
  contactIds: string[];
  name: string;
  handle?: string;
  alias?: string;
  /** The configured group chats (config chat ids) where the person spoke, newest first. */
  groups: string[];
  /** Spoke to the bot in a private chat. */
  private: boolean;
}

export const PEOPLE_NAMESPACE = 'wechat-people';
const KEEP_CONTACT_IDS = 5;
const KEEP_GROUPS = 5;

export type Where = { kind: 'group'; chatId: string; topic: string } | { kind: 'private' };

export class WechatPeople {
  private readonly byPid = new Map<string, WechatPerson>();
  /** This login: contact id → pid, and pid → contact id. */
  private readonly current = new Map<string, string>();
  private readonly currentContact = new Map<string, string>();
  private readonly warned = new Set<string>();

  private constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void,
    private readonly nameMatchAllowed: (pid: string, chatId: string) => boolean,
  ) {}

  /**
   * `nameMatchAllowed`: whether a person may be recognised by nickname in that group (the adapter refuses it for staff
   * in an owners' group, where anyone could take a staff member's nickname).
   */
  static async open(store: Store, log: (line: string) => void, nameMatchAllowed: (pid: string, chatId: string) => boolean = () => true): Promise<WechatPeople> {
    const people = new WechatPeople(store, log, nameMatchAllowed);
    for (const [, person] of await store.listRecords<WechatPerson>(PEOPLE_NAMESPACE)) people.byPid.set(person.pid, person);
    return people;
  }

  /** A new login: contact ids of the last one mean nothing any more (web puppets). */
  newLogin(): void {
    this.current.clear();
    this.currentContact.clear();
  }

  get(pid: string): WechatPerson | undefined {
    return this.byPid.get(pid);
  }

  /** The contact id the person has in this login, if they were seen in it. */
  contactIdNow(pid: string): string | undefined {
    return this.currentContact.get(pid);
  }

  /** The stable person id for a contact, recognising a known person after a re-login; records what was seen. */
  async personOf(facts: ContactFacts, where: Where): Promise<string> {
    const known = this.current.get(facts.id);
    const person = known ? this.byPid.get(known) : this.recognise(facts, where);
    if (person) {
      await this.see(person, facts, where);
      return person.pid;
    }
    let pid = facts.id;
    while (this.byPid.has(pid)) pid = `${facts.id}~${this.byPid.size}`; // never on real puppets: ids are not reused
    const fresh: WechatPerson = { pid, contactIds: [], name: facts.name, groups: [], private: false };
    await this.see(fresh, facts, where);
    return pid;
  }

  /**
   * Makes this contact the person `pid` (a staff member binding themselves): the contact's current person record is
   * merged into `pid`'s, so what either was known by keeps working.
   */
  async adopt(facts: ContactFacts, pid: string): Promise<void> {
    const was = this.current.get(facts.id);
    const from = was ? this.byPid.get(was) : undefined;
    if (from?.pid === pid) return;
    const into: WechatPerson = this.byPid.get(pid) ?? { pid, contactIds: [], name: facts.name, groups: [], private: false };
    if (from) {
      into.contactIds = unique([...from.contactIds, ...into.contactIds]).slice(0, KEEP_CONTACT_IDS);
      into.groups = unique([...from.groups, ...into.groups]).slice(0, KEEP_GROUPS);
      into.private ||= from.private;
      this.byPid.delete(from.pid);
      this.currentContact.delete(from.pid);
      await this.store.deleteRecord(PEOPLE_NAMESPACE, from.pid);
    }
    // Whoever held this pid under another contact in this login no longer does.
    const other = this.currentContact.get(pid);
    if (other) this.current.delete(other);
    await this.see(into, facts, { kind: 'private' });
  }

  /** After setting a remark name on the contact: it is how they will be recognised next time. */
  async remarked(pid: string, alias: string): Promise<void> {
    const person = this.byPid.get(pid);
    if (!person || person.alias === alias) return;
    person.alias = alias;
    await this.store.putRecord(PEOPLE_NAMESPACE, pid, person);
  }

  private recognise(facts: ContactFacts, where: Where): WechatPerson | undefined {
    const all = [...this.byPid.values()];
    // Someone already matched to another contact in this login is not this one.
    const free = (p: WechatPerson) => {
      const now = this.currentContact.get(p.pid);
      return now === undefined || now === facts.id;
    };
    const byId = all.find((p) => p.contactIds.includes(facts.id));
    if (byId) return byId;
    if (facts.handle) {
      const byHandle = all.find((p) => p.handle === facts.handle);
      if (byHandle) return byHandle;
    }
    if (facts.alias) {
      const byAlias = all.filter((p) => p.alias === facts.alias && free(p));
      if (byAlias.length === 1) return byAlias[0];
    }
    if (where.kind !== 'group' || !facts.name) return undefined;
    // A different WeChat id or remark name is a different person; a missing one says nothing.
    const conflicts = (p: WechatPerson) => (facts.handle && p.handle && facts.handle !== p.handle) || (facts.alias && p.alias && facts.alias !== p.alias);
    const byName = all.filter((p) => p.name === facts.name && p.groups.includes(where.chatId) && free(p) && !conflicts(p) && this.nameMatchAllowed(p.pid, where.chatId));
    const key = `${where.chatId}:${facts.name}`;
    if (byName.length === 1) {
      if (!this.warned.has(key)) {
        this.warned.add(key);
        this.log(`wechat: "${facts.name}" in "${where.topic}" recognised after a new login by nickname only (no WeChat id or remark name): a remark name for them in the bot's WeChat makes this certain`);
      }
      return byName[0];
    }
    if (byName.length > 1 && !this.warned.has(key)) {
      this.warned.add(key);
      this.log(`wechat: ${byName.length} people called "${facts.name}" were seen in "${where.topic}": none is assumed; give them remark names in the bot's WeChat`);
    }
    return undefined;
  }

  private async see(person: WechatPerson, facts: ContactFacts, where: Where): Promise<void> {
    const before = JSON.stringify(person);
    this.byPid.set(person.pid, person);
    this.current.set(facts.id, person.pid);
    this.currentContact.set(person.pid, facts.id);
    if (person.contactIds[0] !== facts.id) person.contactIds = unique([facts.id, ...person.contactIds]).slice(0, KEEP_CONTACT_IDS);
    if (facts.name) person.name = facts.name;
    if (facts.handle) person.handle = facts.handle;
    // A changed remark identifies them from now on; an empty one is not a removal (a group member's payload may
    // come without it).
    if (facts.alias) person.alias = facts.alias;
    if (where.kind === 'group' && person.groups[0] !== where.chatId) person.groups = unique([where.chatId, ...person.groups]).slice(0, KEEP_GROUPS);
    if (where.kind === 'private') person.private = true;
    if (JSON.stringify(person) !== before) await this.store.putRecord(PEOPLE_NAMESPACE, person.pid, person);
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
