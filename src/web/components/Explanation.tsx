/** "Why is the due date this day?": the server's lines in Thai, folded under a summary. */
export function Explanation({ summary, lines }: { summary: string; lines: readonly string[] }) {
  if (lines.length === 0) return null;
  return (
    <details className="explanation">
      <summary>{summary}</summary>
      {/* The lines come from the server in Thai whatever the page's language. */}
      <ul lang="th">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
