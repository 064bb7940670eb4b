// The app's screens, in navigation order. Register a screen with one line:
//   { pattern: "timeline", label: "Timeline", component: TimelineScreen, nav: true },
// A screen receives its `:params` and the hash's query (router.ts, ScreenProps).

import type { RouteDefinition } from "./router";
import { CaseHome } from "../screens/home/case-home";
import { SearchScreen } from "../screens/search/search-screen";
import { BatchSearchScreen } from "../screens/search/batch-screen";
import { DocumentScreen } from "../screens/document/document-screen";
import { TimelineScreen } from "../screens/timeline/timeline-screen";
import { PolicyListScreen, PolicySeriesScreen } from "../screens/policy/policy-screen";
import { ExhibitsScreen } from "../screens/exhibits/exhibits-screen";
import { PeopleScreen } from "../screens/people/people-screen";

export const routes: RouteDefinition[] = [
  { pattern: "", label: "Case", component: CaseHome, nav: true },
  { pattern: "search", label: "Search", component: SearchScreen, nav: true },
  { pattern: "search/batch", label: "Batch search", component: BatchSearchScreen },
  { pattern: "doc/:id", label: "Document", component: DocumentScreen },
  { pattern: "timeline", label: "Timeline", component: TimelineScreen, nav: true },
  { pattern: "policy", label: "Policies", component: PolicyListScreen, nav: true },
  { pattern: "policy/:series", label: "Policy series", component: PolicySeriesScreen },
  { pattern: "exhibits", label: "Exhibits", component: ExhibitsScreen, nav: true },
  { pattern: "people", label: "People", component: PeopleScreen, nav: true },
];
