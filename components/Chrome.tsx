/**
 * The frame around every screen: header (branch, base, version, readiness),
 * tab bar, status line (what is still open; messages and progress), footer
 * (the keys of the current screen).
 */
import { Box } from 'ink';
import { Row, Rows } from './Lines.js';
import { footerLine, headerLine, statusLines, tabsLine } from './rows/chrome.js';
import { bodyHeight, type UiState } from './ui-state.js';

export function Header({ s }: { s: UiState }) {
  return <Row line={headerLine(s)} />;
}

export function Tabs({ s }: { s: UiState }) {
  return <Row line={tabsLine(s)} />;
}

export function StatusLine({ s }: { s: UiState }) {
  const lines = statusLines(s);
  if (lines.length === 1) return <Row line={lines[0]!} />;
  return <Rows lines={lines} height={lines.length} width={s.width} />;
}

export function Footer({ s }: { s: UiState }) {
  return <Row line={footerLine(s)} />;
}

export function Frame({ s, children }: { s: UiState; children: React.ReactNode }) {
  return (
    <Box flexDirection="column" width={s.width} height={s.height} overflow="hidden">
      <Header s={s} />
      <Tabs s={s} />
      <Box flexDirection="column" height={bodyHeight(s)} overflow="hidden">
        {children}
      </Box>
      <StatusLine s={s} />
      <Footer s={s} />
    </Box>
  );
}
