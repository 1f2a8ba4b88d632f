import { createBrowserRouter } from "react-router";
import { RequireSession } from "./RequireSession";
import { LoginPage } from "@/features/auth/routes/LoginPage";
import { HomePage } from "@/features/home/routes/HomePage";

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [{ index: true, element: <HomePage /> }],
  },
  { path: "*", element: <RequireSession /> },
]);
