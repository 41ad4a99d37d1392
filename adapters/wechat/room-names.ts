import type { Store } from '../../src/store/store.ts';

/**
 * The name (topic) last seen of each group configured by its room id. Web puppets give rooms a new id at each login,
 * so a group configured as `12345@chatroom` or `@@…` is found again by this name after a re-login (issue 18 §4);
 * `topic:<name>` in the config does the same without a first sighting.
 */
export const ROOM_NAMES_NAMESPACE = 'wechat-rooms';

export class RoomNames {
  private constructor(
    private readonly store: Store,
    private readonly topics: Map<string, string>,
  ) {}

  static async open(store: Store): Promise<RoomNames> {
    return new RoomNames(store, new Map(await store.listRecords<string>(ROOM_NAMES_NAMESPACE)));
  }

  /** The name last seen of the group configured as `chatId`. */
  topicOf(chatId: string): string | undefined {
    return this.topics.get(chatId);
  }

  /** The configured group that had this name, among those given (whose rooms were not found by id). */
  chatNamed(topic: string, among: readonly string[]): string | undefined {
    const found = among.filter((id) => this.topics.get(id) === topic);
    return found.length === 1 ? found[0] : undefined;
  }

  async saw(chatId: string, topic: string): Promise<void> {
    if (!topic || this.topics.get(chatId) === topic) return;
    this.topics.set(chatId, topic);
    await this.store.putRecord(ROOM_NAMES_NAMESPACE, chatId, topic);
  }
}
