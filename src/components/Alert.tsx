/** A problem the user must see: announced by screen readers, shown in red. Renders nothing without a message. */
export function Alert({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="alert" id={id}>
      {message}
    </p>
  );
}
