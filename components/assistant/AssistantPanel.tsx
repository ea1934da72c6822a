"use client";
// The right panel of the workspace: the pair programmer. Chats per project (kept in this browser), the model from the
// server's configuration or the person's own settings, and a built-in demo when no model is configured.
import { MessageSquarePlus, Settings, Trash2 } from "lucide-react";
import { nanoid } from "nanoid";
import { useEffect, useMemo, useState } from "react";
import { useWorkspace } from "@/components/workspace/WorkspaceContext";
import { deleteChat, listChats, newChatRecord, type ChatRecord } from "@/lib/agent/client/chat-persistence";
import { loadSettings, saveSettings, type AgentSettings } from "@/lib/agent/client/settings";
import { createReplayTransport } from "@/lib/agent/client/replay-transport";
import { demoRecording } from "@/lib/agent/demo";
import type { AgentEnvironment } from "@/lib/agent/tools/runner";
import { previewErrors } from "@/lib/runtimes/preview-errors";
import { getRuntime } from "@/lib/runtimes/registry";
import { editorStore } from "@/lib/workspace/editor-store";
import { AgentSession, deleteChatCheckpoints } from "./agent-session";
import { preloadMarkdown } from "./LazyMarkdown";
import { ChatView } from "./ChatView";
import { DemoOffer, NoModelNotice } from "./NoModel";
import { SettingsDialog, type ServerModelInfo } from "./SettingsDialog";

export function AssistantPanel() {
  const { projectId, project, readOnly } = useWorkspace();
  const [chats, setChats] = useState<ChatRecord[] | null>(null);
  const [current, setCurrent] = useState<ChatRecord | null>(null);
  const [settings, setSettings] = useState<AgentSettings>(() => loadSettings());
  const [server, setServer] = useState<ServerModelInfo | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // "#demo" (set when the demo created its own project) starts the replay right away.
  const [demo, setDemo] = useState(() => typeof window !== "undefined" && window.location.hash === "#demo");

  useEffect(() => {
    let live = true;
    void listChats(projectId)
      .then((list) => {
        if (!live) return;
        setChats(list);
        const fresh = newChatRecord(projectId, `${window.location.hash === "#demo" ? "demo-" : ""}${nanoid()}`);
        setCurrent(window.location.hash === "#demo" ? fresh : (list[0] ?? fresh));
      })
      .catch(() => live && setCurrent(newChatRecord(projectId, nanoid())));
    void fetch("/api/chat")
      .then((r) => (r.ok ? (r.json() as Promise<ServerModelInfo>) : null))
      .then((info) => live && setServer(info))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [projectId]);

  const configured =
    Boolean(settings.apiKey) ||
    Boolean(server?.serverKey && (settings.model.provider ?? server.provider) === server.provider) ||
    (settings.model.provider === "openai-compatible" && Boolean(settings.model.baseURL));

  const session = useMemo(() => {
    if (!current) return null;
    const env: AgentEnvironment = {
      project,
      getRuntime: () => getRuntime(projectId) ?? null,
      diagnostics: {
        read: (path) =>
          editorStore
            .getState()
            .problems.filter((p) => !path || p.path === path)
            .map((p) => ({ path: p.path, line: p.line, column: p.column, severity: p.severity, message: p.message, ...(p.code ? { source: p.code } : {}) })),
      },
      previewErrors: {
        read: () =>
          previewErrors.getState().errors.map((e) => ({
            message: `[${e.kind}] ${e.message}${e.stack ? `\n${e.stack.slice(0, 2000)}` : ""}`,
            ...(e.source ? { source: `${e.source}:${e.line ?? "?"}:${e.column ?? "?"}` } : {}),
            at: e.at,
          })),
      },
    };
    return new AgentSession({
      record: current,
      env,
      getSettings: () => loadSettings(),
      onSaved: (saved) =>
        setChats((list) => [saved, ...(list ?? []).filter((c) => c.id !== saved.id)].sort((a, b) => b.updatedAt - a.updatedAt)),
      ...(demo ? { transport: createReplayTransport(demoRecording(), { speed: 1.5 }) } : {}),
    });
    // A new session per chat (and for the demo); settings are read per request.
  }, [current, project, projectId, demo]);

  useEffect(() => () => session?.dispose(), [session]);
  useEffect(preloadMarkdown, []);

  const startNewChat = () => {
    setDemo(false);
    setCurrent(newChatRecord(projectId, nanoid()));
  };

  const startDemo = async () => {
    setDemo(true);
    setCurrent(newChatRecord(projectId, `demo-${nanoid()}`));
  };

  return (
    <div className="flex h-full flex-col" data-testid="assistant-panel">
      <header className="flex items-center gap-1 border-b border-border px-2 py-1.5">
        <h2 className="px-1 text-sm font-medium">Assistant</h2>
        <select
          className="min-w-0 flex-1 truncate rounded border border-transparent bg-transparent px-1 py-0.5 text-xs text-muted hover:border-border"
          aria-label="Chat"
          value={current?.id ?? ""}
          onFocus={() => void listChats(projectId).then(setChats).catch(() => undefined)}
          onChange={(e) => {
            const next = chats?.find((c) => c.id === e.target.value);
            if (next) {
              setDemo(false);
              setCurrent(next);
            }
          }}
          data-testid="chat-select"
        >
          {current && !chats?.some((c) => c.id === current.id) && <option value={current.id}>{current.title}</option>}
          {chats?.map((c) => (
            <option key={c.id} value={c.id}>{c.title}</option>
          ))}
        </select>
        <IconButton label="New chat" onClick={startNewChat} testId="new-chat"><MessageSquarePlus size={14} /></IconButton>
        {current && chats?.some((c) => c.id === current.id) && (
          <IconButton
            label="Delete this chat"
            onClick={() => {
              void Promise.all([deleteChat(current.id), deleteChatCheckpoints(projectId, current.id)]).then(() => {
                const rest = (chats ?? []).filter((c) => c.id !== current.id);
                setChats(rest);
                setCurrent(rest[0] ?? newChatRecord(projectId, nanoid()));
              });
            }}
          >
            <Trash2 size={14} />
          </IconButton>
        )}
        <IconButton label="Assistant settings" onClick={() => setSettingsOpen(true)} testId="assistant-settings-button"><Settings size={14} /></IconButton>
      </header>
      {session && (
        <ChatView
          key={session.chat.id}
          session={session}
          project={project}
          readOnly={readOnly}
          onNewChat={startNewChat}
          onSettings={() => setSettingsOpen(true)}
          {...(demo ? { composerDisabled: "Demo replay — add a key in settings to chat with a real model" } : {})}
          empty={
            demo ? (
              <DemoOffer project={project} session={session} />
            ) : !configured && server !== null ? (
              <NoModelNotice server={server} onSettings={() => setSettingsOpen(true)} onDemo={() => void startDemo()} />
            ) : (
              <p className="mt-6 text-center text-xs text-muted">Ask for a change, a fix or an explanation. The assistant reads and edits files and runs commands here.</p>
            )
          }
        />
      )}
      <SettingsDialog
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        settings={settings}
        server={server}
        onSave={(next) => {
          saveSettings(next);
          setSettings(next);
        }}
      />
    </div>
  );
}

function IconButton({ label, onClick, children, testId }: { label: string; onClick: () => void; children: React.ReactNode; testId?: string }) {
  return (
    <button type="button" className="rounded p-1 text-muted hover:bg-surface-3 hover:text-fg" aria-label={label} title={label} onClick={onClick} data-testid={testId}>
      {children}
    </button>
  );
}
