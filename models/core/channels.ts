// Where a report came from, as the case file records it: the Bot Framework channel id of the conversation.
// The service is reached from Teams, its own web chat (Direct Line, channel id "webchat"), a Direct Line
// client of Azure's Bot Service ("directline") and the Bot Framework Emulator in development; any other
// channel is recorded as "other", never as one of these.

/** The channels a report records. */
export const REPORT_CHANNELS = ['msteams', 'webchat', 'directline', 'emulator', 'other'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** The channel a report records for a conversation's channel id. */
export function reportChannelOf(channelId: string): ReportChannel {
  return REPORT_CHANNELS.find((channel) => channel === channelId && channel !== 'other') ?? 'other';
}
