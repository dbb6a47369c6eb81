/**
 * A topic's history: every change is an event, never edited (topic_events). The public timeline is derived from it:
 * it leaves out what one resident privately chose (following a topic), which stays in the history for audit, and
 * shows everything else — each milestone, each registration, stance, opinion, objection, answer and rating, without
 * names.
 */
export const PRIVATE_EVENT_TYPES = ['followed', 'unfollowed'] as const

/** The public timeline shows the latest events, oldest first. */
export const PUBLIC_TIMELINE_LENGTH = 200
