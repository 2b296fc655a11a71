/** The web app's entry: fonts, styles, translations, then the routes. */
// Sarabun, shipped in the bundle: the browser fetches only the Thai and Latin subsets it draws.
import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/600.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { setUpI18n } from './i18n/index.ts';

setUpI18n();
const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
