/** A labelled choice among the locations a coordinator runs. */
export function LocationSelect({
  label,
  locations,
  value,
  onChange,
  className,
}: {
  label: string;
  locations: readonly { id: string; name: string }[];
  value: string | undefined;
  onChange(id: string): void;
  className?: string;
}) {
  return (
    <label className={className}>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {locations.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
