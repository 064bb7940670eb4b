import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { BackendContext } from "../../app/context";
import { BackendError } from "../../lib/backend";
import { ScriptedBackend, type Handlers } from "../../testing/scripted-backend";
import { ProductionForm } from "./production-form";

afterEach(cleanup);

function renderForm(handlers: Handlers) {
  const backend = new ScriptedBackend(handlers);
  render(
    <BackendContext.Provider value={backend}>
      <ProductionForm />
    </BackendContext.Provider>,
  );
  return backend;
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe("the production panel", () => {
  test("produces the documents of a tag with only the fields given and shows what was made", async () => {
    const backend = renderForm({
      produce: () => ({
        documents: 12,
        pages: 40,
        first: "ABC000001",
        last: "ABC000040",
        withheld: 1,
        files: 27,
        manifest_sha256: "ab12",
        undrawable_characters: 0,
        rendered_from_text: [],
      }),
    });
    fireEvent.change(screen.getByLabelText("Documents"), { target: { value: "tag" } });
    type("Tag", "responsive");
    type("Bates prefix", "ABC");
    type("Withhold documents tagged (optional)", "Privileged");
    type("Folder to write (new or empty)", "/tmp/vol1");
    fireEvent.click(screen.getByRole("button", { name: "Produce" }));
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("Produced 12 documents, 40 pages, ABC000001–ABC000040, 1 withheld");
    expect(backend.argsOf("produce")).toEqual([{ out: "/tmp/vol1", prefix: "ABC", tag: "responsive", withhold_tag: "Privileged" }]);
  });

  test("a refusal is shown with the backend's reason", async () => {
    renderForm({
      produce: () => {
        throw new BackendError("already_exists", "/tmp/vol1 is not empty; produce into a new folder");
      },
    });
    type("Bates prefix", "ABC");
    type("Folder to write (new or empty)", "/tmp/vol1");
    fireEvent.click(screen.getByRole("button", { name: "Produce" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Not produced: /tmp/vol1 is not empty; produce into a new folder");
  });
});
