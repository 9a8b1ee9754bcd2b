// Errors a router throws to answer with a status and the contract's error body.
import type { Response } from "express";
import type { ErrorBody, ErrorCode } from "../../../contract/index.js";

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, message: string, readonly field?: string) {
    super(message);
  }
}

export function sendError(res: Response, status: number, code: ErrorCode, message: string, field?: string): void {
  const body: ErrorBody = { error: { code, message, ...(field !== undefined ? { field } : {}) } };
  res.status(status).json(body);
}

export const badRequest = (field: string, message: string) => new HttpError(400, "bad_request", `${field}: ${message}`, field);
export const notFound = (what: string) => new HttpError(404, "not_found", `${what} not found`);
