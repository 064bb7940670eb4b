// How numbers and dates read on screen.

const numberFormat = new Intl.NumberFormat("en");

/** "1 document", "12 documents". */
export function countOf(n: number, singular: string, plural: string): string {
  return `${numberFormat.format(n)} ${n === 1 ? singular : plural}`;
}

/** A number with thousands separators. */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** An ISO date or timestamp as its day (`2024-10-02`), or a dash when there is none. */
export function dayOf(date: string | null | undefined): string {
  return date === null || date === undefined || date === "" ? "—" : date.slice(0, 10);
}

/** A byte count in words: "17 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} bytes`;
  }
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
