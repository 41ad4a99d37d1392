import type { Unit } from '../domain/category.ts';
import type { Platform, StaffRef } from '../domain/people.ts';
import type { ChatConfig, ChatRole, Config, Estate, StaffConfig } from '../config/schema.ts';

/**
 * Answers "who is this and what is this chat" from the config: the only place the core learns which chat plays
 * which part and who is staff (staff commands come only from configured staff).
 */
export class Directory {
  private readonly chats = new Map<string, ChatConfig>();
  private readonly staff = new Map<string, StaffConfig>();

  constructor(readonly config: Config) {
    for (const chat of config.chats) this.chats.set(`${chat.platform}:${chat.id}`, chat);
    for (const member of config.staff) this.staff.set(`${member.platform}:${member.id}`, member);
  }

  chat(platform: Platform, id: string): ChatConfig | undefined {
    return this.chats.get(`${platform}:${id}`);
  }

  staffMember(platform: Platform, id: string): StaffConfig | undefined {
    return this.staff.get(`${platform}:${id}`);
  }

  estate(id: string | undefined): Estate | undefined {
    return this.config.estates.find((e) => e.id === id);
  }

  /** The estate a private chat belongs to: the staff member's, else the only estate, else none. */
  defaultEstate(): Estate | undefined {
    return this.config.estates.length === 1 ? this.config.estates[0] : undefined;
  }

  /**
   * The chats to tell about work for `unit` in `estate`, on every platform. The office head reads the office chat
   * when there is no chat of their own; leadership's chats serve every estate.
   */
  chatsForUnit(unit: Unit, estate: string): ChatConfig[] {
    const byRole = (role: ChatRole) =>
      this.config.chats.filter((c) => c.role === role && (role === 'managers' ? !c.estate || c.estate === estate : c.estate === estate));
    // The office head and security without a chat of their own: the office reads it and sends someone.
    if (unit === 'office_head' || unit === 'security') {
      const own = byRole(unit);
      return own.length > 0 ? own : byRole('office');
    }
    return byRole(unit);
  }

  /**
   * A member of staff's private chat with the bot: on Telegram and WeChat it has the person's own id; the console
   * (and the transcript tests that stand in for it) names it dm-<id>.
   */
  privateChat(member: StaffConfig): { platform: Platform; id: string } {
    return { platform: member.platform, id: member.platform === 'console' ? `dm-${member.id}` : member.id };
  }

  staffRef(member: StaffConfig): StaffRef {
    return { platform: member.platform, id: member.id, name: member.name };
  }
}
