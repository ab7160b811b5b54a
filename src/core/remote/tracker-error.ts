import type {TrackerErrorClass} from './tracker-report.js'

/** Why one tracker did not answer. Never leaves the tracker check: it becomes a `failed` result. */
export class TrackerError extends Error {
  readonly errorClass: TrackerErrorClass
  /** The host accepted a connection or sent a packet before this happened. */
  readonly reachable: boolean
  /** For `http-status`: the status, so a scrape answered with 404 can be retried as an announce. */
  readonly httpStatus: number | undefined

  constructor(errorClass: TrackerErrorClass, message: string, reachable: boolean, httpStatus?: number) {
    super(message)
    this.name = 'TrackerError'
    this.errorClass = errorClass
    this.reachable = reachable
    this.httpStatus = httpStatus
  }
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA'])
const tlsCode = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|EPROTO$)/u

/** A socket or resolver error as a TrackerError; `host` is `name:port` for the message. */
export function networkError(error: unknown, host: string, reachable: boolean): TrackerError {
  if (error instanceof TrackerError) return error
  const {code, syscall} = error as NodeJS.ErrnoException
  const detail = code ?? (error as Error).message
  if ((code !== undefined && dnsCodes.has(code)) || syscall === 'getaddrinfo') {
    return new TrackerError('dns', `cannot resolve ${hostName(host)} (${detail})`, false)
  }
  if (code === 'ECONNREFUSED') return new TrackerError('refused', `${host} refused the connection`, false)
  if (code !== undefined && tlsCode.test(code)) return new TrackerError('tls', `TLS with ${host} failed: ${firstLine(error)}`, reachable)
  return new TrackerError('network', `${host}: ${detail === (error as Error).message ? detail : `${detail}, ${firstLine(error)}`}`, reachable)
}

function hostName(host: string): string {
  return host.replace(/:\d+$/u, '')
}

/** OpenSSL messages run long (`...:error:0A00010B:SSL routines:...:wrong version number:...`): keep the reason. */
function firstLine(error: unknown): string {
  const message = (error as Error).message.split('\n')[0] ?? ''
  const ssl = /SSL routines:[^:]*:([^:]+)/u.exec(message)
  return ssl?.[1] ?? message
}
