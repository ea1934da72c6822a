// Opening a version in the browser: one download (manifest + every blob), each blob checked against its hash again
// here (a cache or proxy in between could have changed it), an encrypted one opened with the key from the fragment.
// The result is plain files, ready for a Project.
import { recording as recordingSchema, type Recording } from "@/lib/agent/recording";
import type { FileContent } from "@/lib/project";
import { decodeContent } from "@/lib/zip/content";
import { sha256Hex } from "../hash";
import { buildManifest, decodeManifest } from "../manifest";
import { bundleMeta } from "../protocol";
import { ShareApiError, versionBundle, type ShareApi } from "./api";
import { openSealedManifest, unseal, type SealKey } from "./sealed";

export interface OpenedShare {
  share: string;
  version: number;
  files: Array<[path: string, content: FileContent]>;
  dirs: string[];
  recording: Recording | null;
  /** An encrypted version carries its own title, description and message (the server never saw them). */
  sealed: { title: string; description: string; message: string } | null;
}

const damaged = (what: string) => new ShareApiError(502, "corrupted", `${what} arrived damaged (its content does not match its hash), so it was not opened. Reload to try again.`);

export async function openVersion(api: ShareApi, id: string, n: number, options: { ownerSecret?: string; key?: SealKey | null } = {}): Promise<OpenedShare> {
  const bundle = await versionBundle(api, id, n, options.ownerSecret);
  const meta = bundleMeta.safeParse(bundle.meta);
  if (!meta.success) throw new ShareApiError(502, "bad-bundle", "The version could not be read (its header is not what Tandem sends).");
  const blobs = new Map(bundle.frames.map((f) => [f.hash, f.bytes]));
  const verified = async (hash: string, what: string) => {
    const bytes = blobs.get(hash);
    if (!bytes || (await sha256Hex(bytes)) !== hash) throw damaged(what);
    return bytes;
  };
  const manifestBytes = await verified(meta.data.manifest, "The file list");

  if (meta.data.encrypted) {
    if (!options.key) throw new ShareApiError(400, "needs-key", "This share is end-to-end encrypted and the link has no key (the part after #key=). Ask for the whole link.");
    const sealed = await openSealedManifest(options.key, manifestBytes);
    if (!sealed) throw new ShareApiError(400, "bad-key", "The key in this link does not open this share. Check that the whole link was copied.");
    const checked = buildManifest(sealed.files.map(([path, hash, size, mode]) => [path, hash, size, mode]), sealed.dirs);
    if (!checked.ok) throw new ShareApiError(502, "bad-bundle", checked.message);
    const files: OpenedShare["files"] = [];
    const opened = new Map<string, FileContent>();
    for (const [path, cipher, , , plain] of sealed.files) {
      let content = opened.get(cipher);
      if (content === undefined) {
        const bytes = await unseal(options.key, await verified(cipher, `"${path}"`));
        if (!bytes || (await sha256Hex(bytes)) !== plain) throw damaged(`"${path}"`);
        content = decodeContent(bytes);
        opened.set(cipher, content);
      }
      files.push([path, content]);
    }
    let recording: Recording | null = null;
    if (sealed.recording) {
      const bytes = await unseal(options.key, await verified(sealed.recording, "The AI chat"));
      recording = bytes ? parseRecording(bytes) : null;
    }
    return { share: id, version: meta.data.version, files, dirs: sealed.dirs, recording, sealed: { title: sealed.title, description: sealed.description, message: sealed.message } };
  }

  const manifest = decodeManifest(manifestBytes);
  if (!manifest.ok) throw new ShareApiError(502, "bad-bundle", manifest.message);
  const files: OpenedShare["files"] = [];
  const decoded = new Map<string, FileContent>();
  for (const f of manifest.manifest.files) {
    let content = decoded.get(f.hash);
    if (content === undefined) {
      content = decodeContent(await verified(f.hash, `"${f.path}"`));
      decoded.set(f.hash, content);
    }
    files.push([f.path, content]);
  }
  const recording = meta.data.recording ? parseRecording(await verified(meta.data.recording, "The AI chat")) : null;
  return { share: id, version: meta.data.version, files, dirs: manifest.manifest.dirs, recording, sealed: null };
}

function parseRecording(bytes: Uint8Array): Recording | null {
  try {
    const parsed = recordingSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
