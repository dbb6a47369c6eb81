import { database, newId, type Db } from './db'
import type { TopicEvent } from '../../src/domain/model'

/** History is append-only: a topic's events are added, never updated or removed. */
export async function appendEvent(event: Omit<TopicEvent, '_id'>, transaction?: Db): Promise<void> {
  const target = transaction ?? database()
  await target.collection('topic_events').add({ data: { _id: newId('ev'), ...event } })
}
