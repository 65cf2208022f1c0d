import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { Session } from './app/session';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App session={new Session()} />
  </StrictMode>,
);
