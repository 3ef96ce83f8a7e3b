package dev.pullback.web;

import dev.pullback.InvalidInputException;
import dev.pullback.security.NewToken;
import dev.pullback.security.Role;
import dev.pullback.security.TokenService;
import dev.pullback.security.UserService;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Users and API tokens from the web (admins only, see security/WebSecurity): the same service
 * calls as {@code pullback user ...} and {@code pullback token ...}, with the same rails.
 */
@Controller
class AdminController {
    private static final String BACK = "redirect:/admin/users";
    private final UserService users;
    private final TokenService tokens;

    AdminController(UserService users, TokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @GetMapping("/admin/users")
    String page(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("roles", Role.values());
        return "admin-users";
    }

    @PostMapping("/admin/users")
    String add(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String role,
               @RequestParam(name = "can_download", defaultValue = "false") boolean canDownload,
               @RequestParam(defaultValue = "") String password, RedirectAttributes ra) {
        return act(ra, () -> {
            users.add(name, Role.parse(role), canDownload, password);
            return "User " + name + " added.";
        });
    }

    @PostMapping("/admin/users/{name}/role")
    String role(@PathVariable String name, @RequestParam(defaultValue = "") String role,
                @RequestParam(name = "can_download", defaultValue = "false") boolean canDownload, RedirectAttributes ra) {
        return act(ra, () -> {
            users.changeRole(name, Role.parse(role), canDownload);
            return "User " + name + " is now " + role + (canDownload ? " with the download grant." : ".");
        });
    }

    @PostMapping("/admin/users/{name}/password")
    String password(@PathVariable String name, @RequestParam(defaultValue = "") String password, RedirectAttributes ra) {
        return act(ra, () -> {
            users.changePassword(name, password);
            return "Password of " + name + " changed.";
        });
    }

    @PostMapping("/admin/users/{name}/remove")
    String remove(@PathVariable String name, RedirectAttributes ra) {
        return act(ra, () -> {
            users.remove(name);
            return "User " + name + " removed.";
        });
    }

    @PostMapping("/admin/tokens")
    String createToken(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String role,
                       @RequestParam(name = "can_download", defaultValue = "false") boolean canDownload, RedirectAttributes ra) {
        return act(ra, () -> {
            NewToken t = tokens.create(name, Role.parse(role), canDownload);
            // a flash attribute lives for exactly one page view: the token is shown once
            ra.addFlashAttribute("secret", t.secret());
            return "Token " + name + " created. Copy it now: it is not shown again.";
        });
    }

    @PostMapping("/admin/tokens/{name}/revoke")
    String revoke(@PathVariable String name, RedirectAttributes ra) {
        return act(ra, () -> {
            tokens.revoke(name);
            return "Token " + name + " revoked.";
        });
    }

    /** Bad input comes back to the page as a message; nothing was changed. */
    private static String act(RedirectAttributes ra, Supplier<String> action) {
        try {
            ra.addFlashAttribute("flash", action.get());
        } catch (InvalidInputException e) {
            ra.addFlashAttribute("error", e.getMessage());
        }
        return BACK;
    }
}
