/**
 * The last line: a page that fails while drawing shows a plain message in both languages
 * with a way back, instead of a blank screen.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main id="main" className="page" role="alert">
        <h1>ขออภัย หน้านี้แสดงผลไม่ได้</h1>
        <p>กรุณาโหลดหน้าใหม่ หรือกลับไปหน้าแรก</p>
        <p lang="en">Sorry, this page could not be shown. Reload it or go back to the start.</p>
        <p>
          <a href="/">หน้าแรก · Home</a>
        </p>
      </main>
    );
  }
}
