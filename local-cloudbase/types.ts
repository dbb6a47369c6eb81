import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * The local CloudBase is composed of modules. Each answers some of the `/admin` actions the real wx-server-sdk sends
 * (body.action, e.g. "database.getDocument") and/or serves some HTTP paths (storage PUT/GET, the H5 gateway).
 * server.ts composes them; no module reaches into another's internals, only through this interface and Clock.
 */

/** What CloudBase answers for a request: `{ data }`, a top-level field set, or an error `{ code, message }`. */
export type AdminReply = Record<string, unknown>

export interface AdminRequest {
  action: string
  /** The parsed JSON body as the SDK sent it (EJSON strings still encoded): read each field as unknown and check it. */
  body: Record<string, unknown>
  /** ?env= of the request URL. */
  env: string
  /** wxCloudApiToken of the request: ties a request to the function invocation that made it ('' outside one). */
  apiToken: string
  /** The parts of a multipart body (wx.openApi) by field name, as bytes; undefined for JSON requests. */
  parts?: Record<string, Buffer>
}

export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface CloudModule {
  name: string
  /** action name → handler. Throw CloudError for a CloudBase-style error reply. */
  adminActions?: Record<string, (req: AdminRequest) => Promise<AdminReply> | AdminReply>
  /** Handles a non-/admin HTTP request; return true if it did. */
  handleHttp?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean
  close?: () => Promise<void> | void
}

/** The one clock of the local cloud: functions, serverDate and timers all read it. */
export interface Clock {
  now(): Date
  /** Milliseconds the local clock is ahead of the machine clock. */
  offsetMs(): number
  advance(ms: number): void
  set(offsetMs: number): void
}
