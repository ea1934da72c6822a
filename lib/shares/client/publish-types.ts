// What publishing takes and gives (apart from publish.ts, so sealed.ts can use them without an import cycle).
import type { Recording } from "@/lib/agent/recording";
import type { FileContent } from "@/lib/project";
import type { Frame } from "../frames";
import type { ManifestEntry } from "../manifest";
import type { PublishResult, Visibility } from "../protocol";

export interface PublishFile {
  path: string;
  content: FileContent;
}

export interface PublishOptions {
  files: readonly PublishFile[];
  dirs?: readonly string[];
  title?: string;
  description?: string;
  visibility?: Visibility;
  /** What changed (shown in the versions list). */
  message?: string;
  forkedFrom?: { share: string; version: number };
  /** The AI chat, as a session recording (tandem.session/1). */
  recording?: Recording;
  /** End-to-end encryption: everything is sealed with this key, which never leaves the browser. */
  key?: SealKey;
  /** Publishing again: the share, its owner secret, and the version to send changes against. */
  target?: { id: string; ownerSecret: string; base?: number };
}

export interface PublishStats {
  files: number;
  bytes: number;
  /** Blobs the server lacked and got. */
  uploaded: number;
  /** Request body bytes sent in all (the benchmark's "bytes uploaded"). */
  sent: number;
}

export interface Published {
  result: PublishResult;
  stats: PublishStats;
}

export interface HashedFile {
  entry: ManifestEntry;
  frame: Frame;
}


/** An end-to-end encryption key (lib/shares/client/sealed.ts). */
export interface SealKey {
  key: CryptoKey;
  /** The key as it goes in the fragment (base64url of the raw 128-bit key). */
  text: string;
}
