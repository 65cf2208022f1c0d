import { ReactNode, useEffect, useId, useRef } from 'react';
import {
  Button as AriaButton,
  ButtonProps,
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
  TextField,
  TextFieldProps,
} from 'react-aria-components';
import { useT } from '../i18n/i18n';
import type { ApiError } from './errors';

/** The page's heading; it takes focus when the page opens so that screen readers announce the new page. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = title;
    ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Button({ variant = 'primary', ...props }: ButtonProps & { variant?: 'primary' | 'secondary' }) {
  return <AriaButton {...props} className={`button button-${variant}`} />;
}

interface FieldProps extends Omit<TextFieldProps, 'children' | 'className'> {
  label: string;
  description?: string;
  /** The API's message for this field: shown under it, and the field marked invalid. */
  error?: string;
  multiline?: boolean;
}

/** A labelled text field (React Aria: label, description and error tied to the input for assistive tech). */
export function Field({ label, description, error, multiline, ...props }: FieldProps) {
  return (
    // validationBehavior aria: our messages (and the API's) rather than the browser's, in the interface language.
    <TextField validationBehavior="aria" {...props} isInvalid={props.isInvalid || !!error} className="field">
      <Label>{label}</Label>
      {multiline ? <TextArea rows={3} /> : <Input />}
      {description && <Text slot="description">{description}</Text>}
      <FieldError>{error}</FieldError>
    </TextField>
  );
}

/** Errors the user must see at once (role=alert), in the API's words. */
export function ErrorList({ errors }: { errors: ApiError[] }) {
  if (!errors.length) return null;
  return (
    <div role="alert" className="alert">
      {errors.map((e, i) => (
        <p key={i}>{e.message}</p>
      ))}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  );
}

/** A status written out, with a symbol and a colour that only repeat what the words say. */
export function StatusBadge({ tone, children }: { tone: 'ok' | 'warn' | 'bad' | 'neutral'; children: ReactNode }) {
  const symbol = { ok: '✓', warn: '•', bad: '!', neutral: '○' }[tone];
  return (
    <span className={`badge badge-${tone}`}>
      <span aria-hidden="true">{symbol} </span>
      {children}
    </span>
  );
}

/** A progress bar with its number written next to it. */
export function Progress({ value, label }: { value: number; label: string }) {
  return (
    <span className="progress">
      <progress max={100} value={value} aria-label={label} />
      <span>{value}%</span>
    </span>
  );
}

/**
 * A native select with its own label element (not wrapping it, so that the accessible name is the label alone and
 * not the label plus every option). Native: the phone's own picker, nothing to load.
 */
export function SelectField({
  label,
  value,
  onChange,
  children,
  error,
  name,
  inline,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  error?: string;
  name?: string;
  inline?: boolean;
}) {
  const id = useId();
  return (
    <div className={inline ? 'field inline' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {children}
      </select>
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
