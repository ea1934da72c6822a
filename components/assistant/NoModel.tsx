"use client";
import { KeyRound, PlayCircle } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { DEMO_PROMPT } from "@/lib/agent/demo";
import { createProject } from "@/lib/persistence/projects";
import type { Project } from "@/lib/project";
import { getTemplate } from "@/lib/templates";
import type { AgentSession } from "./agent-session";
import type { ServerModelInfo } from "./SettingsDialog";

/** The demo replays on the "Node + tests" template: these files must be there for its tool calls to make sense. */
export function hasDemoFiles(project: Project): boolean {
  return project.hasFile("text.js") && project.hasFile("text.test.js");
}

/** No model: say exactly what to set, and offer the demo. */
export function NoModelNotice({ server, onSettings, onDemo }: { server: ServerModelInfo; onSettings: () => void; onDemo: () => void }) {
  return (
    <div className="mt-4 rounded border border-border bg-surface p-3 text-xs" data-testid="no-model">
      <p className="mb-2 font-medium text-fg">No model is configured yet.</p>
      {server.provider === "xai" ? (
        <ul className="mb-3 list-disc space-y-1 pl-4 text-muted">
          <li>
            On the server: set <code className="rounded bg-surface-3 px-1">XAI_API_KEY</code> in <code className="rounded bg-surface-3 px-1">.env.local</code> and restart (model{" "}
            <code className="rounded bg-surface-3 px-1">{server.model}</code>; change it with <code className="rounded bg-surface-3 px-1">TANDEM_MODEL</code>).
          </li>
          <li>Or add your own xAI key in the assistant&apos;s settings. It stays in this browser.</li>
          <li>
            Or use a local model: choose &quot;OpenAI-compatible&quot; in settings with e.g. <code className="rounded bg-surface-3 px-1">http://127.0.0.1:11434/v1</code> (Ollama).
          </li>
        </ul>
      ) : (
        <p className="mb-3 text-muted">
          Set <code className="rounded bg-surface-3 px-1">OPENAI_COMPATIBLE_BASE_URL</code> on the server, or enter a base URL in the assistant&apos;s settings.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="flex items-center gap-1 rounded bg-surface-3 px-2 py-1 hover:bg-border" onClick={onSettings}>
          <KeyRound size={12} aria-hidden /> Open settings
        </button>
        <button type="button" className="flex items-center gap-1 rounded bg-accent px-2 py-1 text-accent-fg" onClick={onDemo} data-testid="watch-demo">
          <PlayCircle size={12} aria-hidden /> Watch a demo
        </button>
      </div>
      <p className="mt-2 text-muted">The demo replays a recorded session; its edits and commands run for real in this project&apos;s runtime.</p>
    </div>
  );
}

/** Starts the demo replay on this project, or creates a "Node + tests" project to run it on. */
export function DemoOffer({ project, session }: { project: Project; session: AgentSession }) {
  const started = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const ready = hasDemoFiles(project);
  useEffect(() => {
    if (!ready || started.current) return;
    started.current = true;
    void session.send(DEMO_PROMPT);
  }, [ready, session]);
  if (ready) return null;
  return (
    <div className="mt-4 rounded border border-border bg-surface p-3 text-xs" data-testid="demo-needs-project">
      <p className="mb-2 text-muted">The demo works on the &quot;Node + tests&quot; starter (one failing test). Your current project is left untouched.</p>
      <button
        type="button"
        className="rounded bg-accent px-2 py-1 text-accent-fg"
        onClick={() => {
          const template = getTemplate("node-tests");
          void createProject({ name: "Demo: make the failing test pass", files: template.files, template: template.id }).then((created) => {
            if (created.ok) window.location.assign(`/p/${created.value.id}#demo`);
            else setError(created.error.message);
          });
        }}
      >
        Create the demo project
      </button>
      {error && <p className="mt-1 text-danger">{error}</p>}
    </div>
  );
}
