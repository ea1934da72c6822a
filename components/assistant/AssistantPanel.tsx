"use client";
// Placeholder while the assistant is being built (issue 4); replaced by the real panel shortly.
export function AssistantPanel() {
  return (
    <div className="flex h-full flex-col p-3 text-sm text-muted" data-testid="assistant-panel">
      <h2 className="font-medium text-fg">Assistant</h2>
    </div>
  );
}
